package dev.greeting.emulator.apigateway.model;

import java.util.List;
import java.util.Map;

/**
 * What an invoke URL {@code /{apiId}/{stageName}/...} serves: the stage (its variables, its
 * deployment id) and the snapshot its deployment froze. Immutable; a later CreateDeployment or
 * UpdateStage yields a new {@code DeployedStage}, never changes this one.
 *
 * @param region     the region the API lives in
 * @param stage      the stage as GetStage answers it
 * @param deployment the deployment the stage points at
 * @param snapshot   the configuration that deployment froze
 */
public record DeployedStage(String region, Stage stage, Deployment deployment, ApiSnapshot snapshot) {

    public String restApiId() {
        return snapshot.restApiId();
    }

    public String stageName() {
        return stage.stageName();
    }

    /** The stage variables ({@code $stageVariables}), never null. */
    public Map<String, String> variables() {
        return stage.variablesOrEmpty();
    }

    /** The deployed resources, sorted by path, each with its deployed methods. */
    public List<Resource> resources() {
        return snapshot.resources();
    }
}
