package dev.greeting.emulator.apigateway;

import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.STRING;

import dev.greeting.emulator.apigateway.model.ApiSnapshot;
import dev.greeting.emulator.apigateway.model.Deployment;
import dev.greeting.emulator.apigateway.model.Method;
import dev.greeting.emulator.apigateway.model.MethodSnapshot;
import dev.greeting.emulator.apigateway.model.Resource;
import dev.greeting.emulator.apigateway.model.Stage;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment. A
 * deployment freezes the API's configuration: its snapshot is kept beside it and is what stages
 * pointing at it serve.
 */
final class DeploymentHandlers {
    private static final PatchOperations.Rules PATCHABLE = PatchOperations.Rules.terse()
            .member("/description", STRING);

    private final ApiGatewayStore store;

    DeploymentHandlers(ApiGatewayStore store) {
        this.store = store;
    }

    void register(Router router) {
        router.add(Service.APIGATEWAY, "CreateDeployment", "POST", "/restapis/{restapi_id}/deployments", this::create);
        router.add(Service.APIGATEWAY, "GetDeployments", "GET", "/restapis/{restapi_id}/deployments", this::list);
        router.add(Service.APIGATEWAY, "GetDeployment", "GET", "/restapis/{restapi_id}/deployments/{deployment_id}", this::get);
        router.add(Service.APIGATEWAY, "UpdateDeployment", "PATCH", "/restapis/{restapi_id}/deployments/{deployment_id}", this::update);
        router.add(Service.APIGATEWAY, "DeleteDeployment", "DELETE", "/restapis/{restapi_id}/deployments/{deployment_id}", this::delete);
    }

    private <T> T withApi(ApiRequest request, Function<RestApiState, T> action) {
        String apiId = request.path("restapi_id");
        return store.withApi(request.region(), apiId, () -> Errors.apiNotFound(apiId), action);
    }

    private ApiResponse create(ApiRequest request) {
        Input in = Input.of(request, "createDeploymentInput");
        String stageName = in.string("stageName");
        Map<String, String> variables = in.stringMap("variables");
        if (stageName != null) {
            StageHandlers.checkStageName(stageName);
        }
        StageHandlers.checkVariables(variables);
        return withApi(request, state -> {
            checkDeployable(state);
            Instant now = Instant.now();
            Deployment deployment = new Deployment(state.newChildId(), in.string("description"), now, null);
            state.deployments.put(deployment.id(), deployment);
            state.snapshots.put(deployment.id(), state.snapshot(now));
            if (stageName != null) {
                Stage existing = state.stages.get(stageName);
                Stage stage = existing == null
                        ? StageHandlers.newStage(stageName, deployment.id(), in.string("stageDescription"), variables,
                                in.bool("cacheClusterEnabled"), in.string("cacheClusterSize"), in.bool("tracingEnabled"), null, now)
                        : repoint(existing, deployment.id(), in.string("stageDescription"), variables, now);
                state.stages.put(stageName, stage);
            }
            return ApiResponse.json(201, deployment);
        });
    }

    /** An existing stage named by CreateDeployment moves to the new deployment; given variables are merged in. */
    private static Stage repoint(Stage stage, String deploymentId, String description, Map<String, String> variables,
                                 Instant now) {
        Stage moved = stage.withDeployment(deploymentId, now);
        if (description != null) {
            moved = moved.withDescription(description, now);
        }
        if (variables != null) {
            Map<String, String> merged = new LinkedHashMap<>(stage.variablesOrEmpty());
            merged.putAll(variables);
            moved = moved.withVariables(merged, now);
        }
        return moved;
    }

    /** AWS refuses to deploy an API without methods, or with a method that has no integration. */
    private static void checkDeployable(RestApiState state) {
        boolean anyMethod = false;
        for (Resource resource : state.resources.values()) {
            for (Method method : resource.methods().values()) {
                anyMethod = true;
                if (method.methodIntegration() == null) {
                    throw AwsException.badRequest("No integration defined for method");
                }
            }
        }
        if (!anyMethod) {
            throw AwsException.badRequest("The REST API doesn't contain any methods");
        }
    }

    private ApiResponse list(ApiRequest request) {
        return withApi(request, state ->
                ApiResponse.json(200, Page.of(new ArrayList<>(state.deployments.values()), request)));
    }

    private ApiResponse get(ApiRequest request) {
        boolean summary = request.queryParams("embed").stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(v -> v.trim().equalsIgnoreCase("apisummary"));
        return withApi(request, state -> {
            Deployment deployment = deployment(state, request.path("deployment_id"));
            return ApiResponse.json(200, summary
                    ? deployment.withApiSummary(apiSummary(state.snapshots.get(deployment.id())))
                    : deployment);
        });
    }

    /** path → HTTP method → (authorization type, API key required), as AWS summarises a deployment. */
    private static Map<String, Map<String, MethodSnapshot>> apiSummary(ApiSnapshot snapshot) {
        Map<String, Map<String, MethodSnapshot>> summary = new LinkedHashMap<>();
        for (Resource resource : snapshot.resources()) {
            Map<String, MethodSnapshot> methods = new LinkedHashMap<>();
            resource.methods().forEach((name, method) ->
                    methods.put(name, new MethodSnapshot(method.authorizationType(), method.apiKeyRequired())));
            if (!methods.isEmpty()) {
                summary.put(resource.path(), methods);
            }
        }
        return summary;
    }

    private ApiResponse update(ApiRequest request) {
        var ops = PatchOperations.read(request, "updateDeploymentInput");
        return withApi(request, state -> {
            Deployment current = deployment(state, request.path("deployment_id"));
            Deployment patched = PatchOperations.toRecord(
                    PatchOperations.apply(PatchOperations.toJson(current), ops, PATCHABLE), Deployment.class);
            state.deployments.put(patched.id(), patched);
            return ApiResponse.json(200, patched);
        });
    }

    private ApiResponse delete(ApiRequest request) {
        return withApi(request, state -> {
            Deployment deployment = deployment(state, request.path("deployment_id"));
            if (state.hasStagePointingAt(deployment.id())) {
                throw AwsException.badRequest("Active stages pointing to this deployment must be moved or deleted");
            }
            state.deployments.remove(deployment.id());
            state.snapshots.remove(deployment.id());
            return ApiResponse.empty(202);
        });
    }

    static Deployment deployment(RestApiState state, String deploymentId) {
        Deployment deployment = deploymentId == null ? null : state.deployments.get(deploymentId);
        if (deployment == null) {
            throw Errors.deploymentNotFound();
        }
        return deployment;
    }
}
