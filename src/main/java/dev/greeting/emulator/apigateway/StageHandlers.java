package dev.greeting.emulator.apigateway;

import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.BOOLEAN;
import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.STRING;

import dev.greeting.emulator.apigateway.model.Stage;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** CreateStage, GetStage, GetStages, UpdateStage, DeleteStage. */
final class StageHandlers {
    private static final Pattern STAGE_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9-._~:/?#&=,]+");

    private static final PatchOperations.Rules PATCHABLE = PatchOperations.Rules.terse()
            .member("/deploymentId", STRING)
            .member("/description", STRING)
            .member("/tracingEnabled", BOOLEAN)
            .member("/cacheClusterEnabled", BOOLEAN)
            .member("/cacheClusterSize", STRING)
            .map("/variables", STRING, null);

    private final ApiGatewayStore store;

    StageHandlers(ApiGatewayStore store) {
        this.store = store;
    }

    void register(Router router) {
        router.add(Service.APIGATEWAY, "CreateStage", "POST", "/restapis/{restapi_id}/stages", this::create);
        router.add(Service.APIGATEWAY, "GetStages", "GET", "/restapis/{restapi_id}/stages", this::list);
        router.add(Service.APIGATEWAY, "GetStage", "GET", "/restapis/{restapi_id}/stages/{stage_name}", this::get);
        router.add(Service.APIGATEWAY, "UpdateStage", "PATCH", "/restapis/{restapi_id}/stages/{stage_name}", this::update);
        router.add(Service.APIGATEWAY, "DeleteStage", "DELETE", "/restapis/{restapi_id}/stages/{stage_name}", this::delete);
    }

    static Stage newStage(String name, String deploymentId, String description, Map<String, String> variables,
                          Boolean cacheClusterEnabled, String cacheClusterSize, Boolean tracingEnabled,
                          Map<String, String> tags, Instant now) {
        return new Stage(deploymentId, name, description, cacheClusterEnabled != null && cacheClusterEnabled,
                cacheClusterSize, "NOT_AVAILABLE", new LinkedHashMap<>(), variables,
                tracingEnabled != null && tracingEnabled, tags, now, now);
    }

    static void checkStageName(String name) {
        if (!STAGE_NAME.matcher(name).matches()) {
            throw AwsException.badRequest("Stage name only allows a-zA-Z0-9_-");
        }
    }

    static void checkVariables(Map<String, String> variables) {
        if (variables == null) {
            return;
        }
        variables.forEach((name, value) -> {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw AwsException.badRequest("Stage variable names may only contain alphanumeric characters and underscores");
            }
            if (value == null || !VARIABLE_VALUE.matcher(value).matches()) {
                throw AwsException.badRequest("Stage variable values must match the regular expression [A-Za-z0-9-._~:/?#&=,]+");
            }
        });
    }

    private <T> T withApi(ApiRequest request, Function<RestApiState, T> action) {
        String apiId = request.path("restapi_id");
        return store.withApi(request.region(), apiId, () -> Errors.apiNotFound(apiId), action);
    }

    static Stage stage(RestApiState state, String name) {
        Stage stage = name == null ? null : state.stages.get(name);
        if (stage == null) {
            throw Errors.stageNotFound();
        }
        return stage;
    }

    private ApiResponse create(ApiRequest request) {
        Input in = Input.of(request, "createStageInput");
        String name = in.requiredString("stageName");
        String deploymentId = in.requiredString("deploymentId");
        checkStageName(name);
        Map<String, String> variables = in.stringMap("variables");
        checkVariables(variables);
        return withApi(request, state -> {
            DeploymentHandlers.deployment(state, deploymentId);
            if (state.stages.containsKey(name)) {
                throw AwsException.conflict("Stage already exists");
            }
            Stage stage = newStage(name, deploymentId, in.string("description"), variables, in.bool("cacheClusterEnabled"),
                    in.string("cacheClusterSize"), in.bool("tracingEnabled"), in.stringMap("tags"), Instant.now());
            state.stages.put(name, stage);
            return ApiResponse.json(201, stage);
        });
    }

    private ApiResponse list(ApiRequest request) {
        String deploymentId = request.queryParam("deploymentId").orElse(null);
        return withApi(request, state -> {
            List<Stage> stages = state.stages.values().stream()
                    .filter(s -> deploymentId == null || deploymentId.equals(s.deploymentId()))
                    .toList();
            return ApiResponse.json(200, Map.of("item", stages));
        });
    }

    private ApiResponse get(ApiRequest request) {
        return withApi(request, state -> ApiResponse.json(200, stage(state, request.path("stage_name"))));
    }

    private ApiResponse update(ApiRequest request) {
        var ops = PatchOperations.read(request, "updateStageInput");
        return withApi(request, state -> {
            Stage current = stage(state, request.path("stage_name"));
            Stage patched = PatchOperations.toRecord(
                    PatchOperations.apply(PatchOperations.toJson(current), ops, PATCHABLE), Stage.class);
            DeploymentHandlers.deployment(state, patched.deploymentId());
            checkVariables(patched.variables());
            Stage updated = patched.withLastUpdatedDate(Instant.now());
            state.stages.put(updated.stageName(), updated);
            return ApiResponse.json(200, updated);
        });
    }

    private ApiResponse delete(ApiRequest request) {
        return withApi(request, state -> {
            stage(state, request.path("stage_name"));
            state.stages.remove(request.path("stage_name"));
            return ApiResponse.empty(202);
        });
    }
}
