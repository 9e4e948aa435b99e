package dev.greeting.reconcile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What AWS reported for one GreetingApi, in the adapter's few reads. A part that was not read
 * this time is {@code null} (attributes, permission), so the planner leaves it alone rather than
 * mistaking "not read" for "absent".
 *
 * @param restApiId the API, or null when there is none (not in status and not found by UID tag)
 * @param attributes name and tags, when read (on a spec change, or when the API was just found)
 * @param resources every resource of the API with its GET method embedded; empty when there is no API
 * @param stages every stage of the API
 * @param deploymentHashes the configuration hash recorded on the deployments the stages point at, where known
 * @param deploymentIds every deployment of the API, when read (only when the stage is missing), else null
 * @param permission the function's statement for this resource, when the policy was read
 */
public record ObservedState(
        String restApiId,
        RestApiAttributes attributes,
        List<Resource> resources,
        List<Stage> stages,
        Map<String, String> deploymentHashes,
        List<String> deploymentIds,
        Permission permission) {

    public ObservedState {
        resources = List.copyOf(resources);
        stages = List.copyOf(stages);
        deploymentHashes = Map.copyOf(deploymentHashes);
        deploymentIds = deploymentIds == null ? null : List.copyOf(deploymentIds);
    }

    /** Nothing exists yet. */
    public static ObservedState none() {
        return new ObservedState(null, null, List.of(), List.of(), Map.of(), null, null);
    }

    public boolean apiExists() {
        return restApiId != null;
    }

    public Optional<Resource> resource(String path) {
        return resources.stream().filter(r -> r.path().equals(path)).findFirst();
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public record RestApiAttributes(String name, Map<String, String> tags) {
        public RestApiAttributes {
            tags = Map.copyOf(tags);
        }
    }

    /** A resource and its GET method (null when it has none). */
    public record Resource(String id, String parentId, String path, Method get) {
    }

    /**
     * A GET method as GetResources embeds it.
     *
     * @param requestParameters parameter key to whether it is required
     * @param methodResponses status codes of the method responses
     * @param integration null when the method has none
     */
    public record Method(String authorizationType, boolean apiKeyRequired, String requestValidatorId,
                         Map<String, Boolean> requestParameters, List<String> methodResponses, Integration integration) {
        public Method {
            requestParameters = Map.copyOf(requestParameters);
            methodResponses = List.copyOf(methodResponses);
        }
    }

    /** @param responses integration responses: status code to selection pattern ("" for the default) */
    public record Integration(String type, String httpMethod, String uri, String credentials,
                              Map<String, String> requestTemplates, Map<String, String> responses) {
        public Integration {
            requestTemplates = Map.copyOf(requestTemplates);
            responses = Map.copyOf(responses);
        }
    }

    /** @param description how the operator recognises a stage it created */
    public record Stage(String name, String deploymentId, String description) {
    }

    /**
     * The function policy's statement with this resource's statement id, if present.
     *
     * @param statement null when the policy has no such statement (or the function no policy)
     */
    public record Permission(Statement statement) {
        public static Permission absent() {
            return new Permission(null);
        }
    }

    public record Statement(String sid, String principal, String action, String functionArn, String sourceArn) {
    }
}
