package dev.greeting.emulator.apigateway;

import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.BOOLEAN;
import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.STRING;

import dev.greeting.emulator.apigateway.model.Method;
import dev.greeting.emulator.apigateway.model.MethodResponse;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Put/Get/Update/DeleteMethod and Put/Get/Update/DeleteMethodResponse. */
final class MethodHandlers {
    static final List<String> HTTP_METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY");
    private static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");
    /** Every REST API has these two models; the emulator has no others. */
    private static final Set<String> BUILT_IN_MODELS = Set.of("Empty", "Error");
    private static final Pattern REQUEST_PARAMETER =
            Pattern.compile("method\\.request\\.(querystring|multivaluequerystring|header|multivalueheader|path)\\.(.+)");
    private static final Pattern STATUS_CODE = Pattern.compile("[1-5]\\d\\d");
    private static final String METHOD_PATH = "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}";
    private static final String RESPONSE_PATH = METHOD_PATH + "/responses/{status_code}";

    private static final PatchOperations.Rules METHOD_PATCHABLE = PatchOperations.Rules.terse()
            .member("/authorizationType", STRING)
            .member("/authorizerId", STRING)
            .member("/apiKeyRequired", BOOLEAN)
            .member("/requestValidatorId", STRING)
            .member("/operationName", STRING)
            .map("/requestParameters", BOOLEAN, null)
            .map("/requestModels", STRING, null)
            .set("/authorizationScopes");

    private static final PatchOperations.Rules RESPONSE_PATCHABLE = PatchOperations.Rules.terse()
            .map("/responseParameters", BOOLEAN, "Invalid parameter name specified")
            .map("/responseModels", STRING, "Content-Type specified was not found");

    private final ApiGatewayStore store;

    MethodHandlers(ApiGatewayStore store) {
        this.store = store;
    }

    void register(Router router) {
        router.add(Service.APIGATEWAY, "PutMethod", "PUT", METHOD_PATH, this::putMethod);
        router.add(Service.APIGATEWAY, "GetMethod", "GET", METHOD_PATH, this::getMethod);
        router.add(Service.APIGATEWAY, "UpdateMethod", "PATCH", METHOD_PATH, this::updateMethod);
        router.add(Service.APIGATEWAY, "DeleteMethod", "DELETE", METHOD_PATH, this::deleteMethod);
        router.add(Service.APIGATEWAY, "PutMethodResponse", "PUT", RESPONSE_PATH, this::putResponse);
        router.add(Service.APIGATEWAY, "GetMethodResponse", "GET", RESPONSE_PATH, this::getResponse);
        router.add(Service.APIGATEWAY, "UpdateMethodResponse", "PATCH", RESPONSE_PATH, this::updateResponse);
        router.add(Service.APIGATEWAY, "DeleteMethodResponse", "DELETE", RESPONSE_PATH, this::deleteResponse);
    }

    /** Runs on the API of a method-level request; an unknown API answers as an unknown resource, as AWS does. */
    static <T> T withApi(ApiGatewayStore store, ApiRequest request, Function<RestApiState, T> action) {
        return store.withApi(request.region(), request.path("restapi_id"), Errors::resourceNotFound, action);
    }

    static String statusCode(ApiRequest request) {
        String status = request.path("status_code");
        if (!STATUS_CODE.matcher(status).matches()) {
            throw Errors.validation("1 validation error detected: Value '" + status
                    + "' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d");
        }
        return status;
    }

    private ApiResponse putMethod(ApiRequest request) {
        Input in = Input.of(request, "putMethodInput");
        String httpMethod = request.path("http_method");
        return withApi(store, request, state -> {
            String resourceId = request.path("resource_id");
            var resource = state.resource(resourceId);
            if (!HTTP_METHODS.contains(httpMethod)) {
                throw AwsException.badRequest("Invalid HttpMethod specified. Valid options are " + String.join(",", HTTP_METHODS));
            }
            String authorizationType = in.requiredString("authorizationType");
            if (resource.method(httpMethod).isPresent()) {
                throw AwsException.conflict("Method already exists for this resource");
            }
            Boolean apiKeyRequired = in.bool("apiKeyRequired");
            Method method = new Method(httpMethod, authorizationType, in.string("authorizerId"),
                    apiKeyRequired != null && apiKeyRequired, in.string("requestValidatorId"), in.string("operationName"),
                    in.boolMap("requestParameters"), in.stringMap("requestModels"), null, null,
                    in.stringList("authorizationScopes"));
            validate(state, method);
            state.putMethod(resourceId, method);
            return ApiResponse.json(201, method);
        });
    }

    private ApiResponse getMethod(ApiRequest request) {
        return withApi(store, request, state ->
                ApiResponse.json(200, state.method(request.path("resource_id"), request.path("http_method"))));
    }

    private ApiResponse updateMethod(ApiRequest request) {
        var ops = PatchOperations.read(request, "updateMethodInput");
        return withApi(store, request, state -> {
            String resourceId = request.path("resource_id");
            Method current = state.method(resourceId, request.path("http_method"));
            Method methodRequest = current.withMethodResponses(null).withMethodIntegration(null);
            Method patched = PatchOperations.toRecord(
                    PatchOperations.apply(PatchOperations.toJson(methodRequest), ops, METHOD_PATCHABLE), Method.class)
                    .withResponsesAndIntegrationOf(current);
            validate(state, patched);
            state.putMethod(resourceId, patched);
            return ApiResponse.json(200, patched);
        });
    }

    private ApiResponse deleteMethod(ApiRequest request) {
        return withApi(store, request, state -> {
            String resourceId = request.path("resource_id");
            state.method(resourceId, request.path("http_method"));
            state.resources.put(resourceId, state.resource(resourceId).withoutMethod(request.path("http_method")));
            return ApiResponse.empty(204);
        });
    }

    private static void validate(RestApiState state, Method method) {
        if (method.authorizationType() == null || !AUTHORIZATION_TYPES.contains(method.authorizationType())) {
            throw AwsException.badRequest("Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS");
        }
        if (Set.of("CUSTOM", "COGNITO_USER_POOLS").contains(method.authorizationType())) {
            // the emulator serves no authorizers, so no authorizer id can be valid
            throw AwsException.badRequest("Invalid authorizer ID specified. Setting the authorization type to CUSTOM "
                    + "or COGNITO_USER_POOLS requires a valid authorizer.");
        }
        String validatorId = method.requestValidatorId();
        if (validatorId != null && !state.validators.containsKey(validatorId)) {
            throw AwsException.badRequest("Invalid Request Validator identifier specified");
        }
        if (method.requestModels() != null) {
            for (String model : method.requestModels().values()) {
                if (model != null && !BUILT_IN_MODELS.contains(model)) {
                    throw AwsException.badRequest("Invalid model identifier specified: " + model);
                }
            }
        }
        Set<String> names = new HashSet<>();
        for (String parameter : method.requestParametersOrEmpty().keySet()) {
            Matcher m = REQUEST_PARAMETER.matcher(parameter);
            if (!m.matches()) {
                throw AwsException.badRequest("Invalid mapping expression specified: Validation Result: warnings : [], "
                        + "errors : [Invalid method request parameter specified: " + parameter + "]");
            }
            if (!names.add(m.group(2))) {
                throw AwsException.badRequest("Parameter names must be unique across querystring, header and path");
            }
        }
    }

    private ApiResponse putResponse(ApiRequest request) {
        String status = statusCode(request);
        Input in = Input.of(request, "putMethodResponseInput");
        return withApi(store, request, state -> {
            String resourceId = request.path("resource_id");
            Method method = state.method(resourceId, request.path("http_method"));
            Map<String, Boolean> parameters = in.boolMap("responseParameters");
            Map<String, String> models = in.stringMap("responseModels");
            MethodResponse response = new MethodResponse(status,
                    parameters == null ? new LinkedHashMap<>() : parameters, models == null ? new LinkedHashMap<>() : models);
            state.putMethod(resourceId, method.withMethodResponse(response));
            return ApiResponse.json(201, response);
        });
    }

    private ApiResponse getResponse(ApiRequest request) {
        String status = statusCode(request);
        return withApi(store, request, state -> ApiResponse.json(200, response(state, request, status)));
    }

    private ApiResponse updateResponse(ApiRequest request) {
        String status = statusCode(request);
        var ops = PatchOperations.read(request, "updateMethodResponseInput");
        return withApi(store, request, state -> {
            MethodResponse current = response(state, request, status);
            MethodResponse patched = PatchOperations.toRecord(
                    PatchOperations.apply(PatchOperations.toJson(current), ops, RESPONSE_PATCHABLE), MethodResponse.class);
            String resourceId = request.path("resource_id");
            state.putMethod(resourceId, state.method(resourceId, request.path("http_method")).withMethodResponse(patched));
            // the service model gives UpdateMethodResponse 201
            return ApiResponse.json(201, patched);
        });
    }

    private ApiResponse deleteResponse(ApiRequest request) {
        String status = statusCode(request);
        return withApi(store, request, state -> {
            response(state, request, status);
            String resourceId = request.path("resource_id");
            state.putMethod(resourceId, state.method(resourceId, request.path("http_method")).withoutMethodResponse(status));
            return ApiResponse.empty(204);
        });
    }

    private static MethodResponse response(RestApiState state, ApiRequest request, String status) {
        Method method = state.method(request.path("resource_id"), request.path("http_method"));
        MethodResponse response = method.methodResponsesOrEmpty().get(status);
        if (response == null) {
            throw Errors.responseNotFound();
        }
        return response;
    }
}
