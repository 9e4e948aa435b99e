package dev.greeting.emulator.apigateway.model;

import java.time.Instant;
import java.util.Map;

/** The Stage shape: a named, callable pointer to one deployment, with its stage variables. */
public record Stage(
        String deploymentId,
        String stageName,
        String description,
        Boolean cacheClusterEnabled,
        String cacheClusterSize,
        String cacheClusterStatus,
        Map<String, Object> methodSettings,
        Map<String, String> variables,
        Boolean tracingEnabled,
        Map<String, String> tags,
        @EpochSeconds Instant createdDate,
        @EpochSeconds Instant lastUpdatedDate) {

    public Stage {
        methodSettings = Immutable.map(methodSettings);
        variables = variables == null || variables.isEmpty() ? null : Immutable.map(variables);
        tags = tags == null || tags.isEmpty() ? null : Immutable.map(tags);
    }

    public Map<String, String> variablesOrEmpty() {
        return variables == null ? Map.of() : variables;
    }

    public Map<String, String> tagsOrEmpty() {
        return tags == null ? Map.of() : tags;
    }

    public Stage withDeployment(String newDeploymentId, Instant updated) {
        return new Stage(newDeploymentId, stageName, description, cacheClusterEnabled, cacheClusterSize,
                cacheClusterStatus, methodSettings, variables, tracingEnabled, tags, createdDate, updated);
    }

    public Stage withVariables(Map<String, String> newVariables, Instant updated) {
        return new Stage(deploymentId, stageName, description, cacheClusterEnabled, cacheClusterSize,
                cacheClusterStatus, methodSettings, newVariables, tracingEnabled, tags, createdDate, updated);
    }

    public Stage withDescription(String newDescription, Instant updated) {
        return new Stage(deploymentId, stageName, newDescription, cacheClusterEnabled, cacheClusterSize,
                cacheClusterStatus, methodSettings, variables, tracingEnabled, tags, createdDate, updated);
    }

    public Stage withTags(Map<String, String> newTags) {
        return new Stage(deploymentId, stageName, description, cacheClusterEnabled, cacheClusterSize,
                cacheClusterStatus, methodSettings, variables, tracingEnabled, newTags, createdDate, lastUpdatedDate);
    }

    public Stage withLastUpdatedDate(Instant updated) {
        return new Stage(deploymentId, stageName, description, cacheClusterEnabled, cacheClusterSize,
                cacheClusterStatus, methodSettings, variables, tracingEnabled, tags, createdDate, updated);
    }
}
