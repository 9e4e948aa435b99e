package dev.greeting.emulator.apigateway;

import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.STRING;

import dev.greeting.emulator.apigateway.model.Integration;
import dev.greeting.emulator.apigateway.model.IntegrationResponse;
import dev.greeting.emulator.apigateway.model.Method;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.net.URI;
import java.util.ArrayList;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Put/Get/Update/DeleteIntegration and Put/Get/Update/DeleteIntegrationResponse. */
final class IntegrationHandlers {
    private static final Set<String> TYPES = Set.of("HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY");
    private static final Set<String> PASSTHROUGH = Set.of("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER");
    private static final Set<String> CONTENT_HANDLING = Set.of("CONVERT_TO_BINARY", "CONVERT_TO_TEXT");
    private static final int DEFAULT_TIMEOUT = 29_000;
    /** {@code arn:aws:apigateway:{region}:{service}:{path|action}/...}: the URI of an AWS service integration. */
    private static final Pattern SERVICE_ARN = Pattern.compile("arn:aws[a-z-]*:apigateway:([a-z0-9-]+):([a-z0-9.-]+):(.*)");
    /** The Lambda invocation path; the function may be named through a stage variable. */
    private static final Pattern LAMBDA_PATH = Pattern.compile(
            "path/2015-03-31/functions/arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[^/]+/invocations");
    private static final String INTEGRATION_PATH =
            "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration";
    private static final String RESPONSE_PATH = INTEGRATION_PATH + "/responses/{status_code}";

    private static final PatchOperations.Rules INTEGRATION_PATCHABLE = PatchOperations.Rules.terse()
            .member("/uri", STRING)
            .member("/httpMethod", STRING)
            .member("/credentials", STRING, "replace", "remove")
            .member("/passthroughBehavior", STRING)
            .member("/contentHandling", STRING, "replace", "remove")
            .member("/connectionType", STRING)
            .member("/connectionId", STRING)
            .member("/cacheNamespace", STRING)
            .integer("/timeoutInMillis", "Timeout should be between 50 ms and 29000 ms")
            .map("/requestParameters", STRING, null)
            .map("/requestTemplates", STRING, null)
            .set("/cacheKeyParameters");

    private static final PatchOperations.Rules RESPONSE_PATCHABLE = PatchOperations.Rules.terse()
            .member("/selectionPattern", STRING, "replace", "add", "remove")
            .member("/contentHandling", STRING, "replace", "add", "remove")
            .map("/responseParameters", STRING, null)
            .map("/responseTemplates", STRING, null);

    private final ApiGatewayStore store;

    IntegrationHandlers(ApiGatewayStore store) {
        this.store = store;
    }

    void register(Router router) {
        router.add(Service.APIGATEWAY, "PutIntegration", "PUT", INTEGRATION_PATH, this::putIntegration);
        router.add(Service.APIGATEWAY, "GetIntegration", "GET", INTEGRATION_PATH, this::getIntegration);
        router.add(Service.APIGATEWAY, "UpdateIntegration", "PATCH", INTEGRATION_PATH, this::updateIntegration);
        router.add(Service.APIGATEWAY, "DeleteIntegration", "DELETE", INTEGRATION_PATH, this::deleteIntegration);
        router.add(Service.APIGATEWAY, "PutIntegrationResponse", "PUT", RESPONSE_PATH, this::putResponse);
        router.add(Service.APIGATEWAY, "GetIntegrationResponse", "GET", RESPONSE_PATH, this::getResponse);
        router.add(Service.APIGATEWAY, "UpdateIntegrationResponse", "PATCH", RESPONSE_PATH, this::updateResponse);
        router.add(Service.APIGATEWAY, "DeleteIntegrationResponse", "DELETE", RESPONSE_PATH, this::deleteResponse);
    }

    private ApiResponse putIntegration(ApiRequest request) {
        Input in = Input.of(request, "putIntegrationInput");
        String type = in.requiredString("type");
        if (!TYPES.contains(type)) {
            throw Errors.enumViolation(type, "putIntegrationInput.type", "HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS");
        }
        return MethodHandlers.withApi(store, request, state -> {
            String resourceId = request.path("resource_id");
            Method method = state.method(resourceId, request.path("http_method"));
            String passthrough = in.string("passthroughBehavior");
            Integer timeout = in.integer("timeoutInMillis");
            var cacheKeys = in.stringList("cacheKeyParameters");
            String cacheNamespace = in.string("cacheNamespace");
            Integration integration = new Integration(type, in.string("httpMethod"), in.string("uri"),
                    in.string("connectionType"), in.string("connectionId"), in.string("credentials"),
                    in.stringMap("requestParameters"), in.stringMap("requestTemplates"),
                    passthrough == null ? "WHEN_NO_MATCH" : passthrough, in.string("contentHandling"),
                    timeout == null ? DEFAULT_TIMEOUT : timeout,
                    cacheNamespace == null ? resourceId : cacheNamespace,
                    cacheKeys == null ? new ArrayList<>() : cacheKeys,
                    // PUT replaces the whole integration, its integration responses included (as moto and
                    // LocalStack do); a client must re-put them, which is also safe should AWS keep them
                    null);
            validate(integration);
            state.putMethod(resourceId, method.withMethodIntegration(integration));
            return ApiResponse.json(201, integration);
        });
    }

    private ApiResponse getIntegration(ApiRequest request) {
        return MethodHandlers.withApi(store, request, state -> ApiResponse.json(200, integration(state, request)));
    }

    private ApiResponse updateIntegration(ApiRequest request) {
        var ops = PatchOperations.read(request, "updateIntegrationInput");
        return MethodHandlers.withApi(store, request, state -> {
            Integration current = integration(state, request);
            Integration patched = PatchOperations.toRecord(
                    PatchOperations.apply(PatchOperations.toJson(current), ops, INTEGRATION_PATCHABLE), Integration.class);
            validate(patched);
            String resourceId = request.path("resource_id");
            state.putMethod(resourceId, state.method(resourceId, request.path("http_method")).withMethodIntegration(patched));
            return ApiResponse.json(200, patched);
        });
    }

    private ApiResponse deleteIntegration(ApiRequest request) {
        return MethodHandlers.withApi(store, request, state -> {
            integration(state, request);
            String resourceId = request.path("resource_id");
            state.putMethod(resourceId, state.method(resourceId, request.path("http_method")).withMethodIntegration(null));
            return ApiResponse.empty(204);
        });
    }

    /** The method's integration: "Invalid Method identifier" without the method, "Invalid Integration identifier" without it. */
    private static Integration integration(RestApiState state, ApiRequest request) {
        return state.method(request.path("resource_id"), request.path("http_method"))
                .integration().orElseThrow(Errors::integrationNotFound);
    }

    /** AWS's checks of an integration's target, in AWS's order. */
    static void validate(Integration integration) {
        String type = integration.type();
        if (!type.equals("MOCK")) {
            if (integration.httpMethod() == null || integration.httpMethod().isEmpty()) {
                throw AwsException.badRequest("Enumeration value for HttpMethod must be non-empty");
            }
            if (!MethodHandlers.HTTP_METHODS.contains(integration.httpMethod())) {
                throw AwsException.badRequest("Invalid HttpMethod specified. Valid options are "
                        + String.join(",", MethodHandlers.HTTP_METHODS));
            }
            if (type.startsWith("HTTP")) {
                checkHttpEndpoint(integration.uri());
            } else {
                checkServiceArn(type, integration.uri());
            }
        }
        if (!PASSTHROUGH.contains(integration.passthroughBehavior())) {
            throw AwsException.badRequest("Invalid passthrough behavior specified: " + integration.passthroughBehavior()
                    + ". Valid options are WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER");
        }
        Integer timeout = integration.timeoutInMillis();
        if (timeout == null || timeout < 50 || timeout > DEFAULT_TIMEOUT) {
            throw AwsException.badRequest("Timeout should be between 50 ms and 29000 ms");
        }
        checkContentHandling(integration.contentHandling());
        String credentials = integration.credentials();
        if (credentials != null && !credentials.startsWith("arn:aws:iam::")) {
            throw AwsException.badRequest("Invalid ARN specified in the request");
        }
    }

    private static void checkContentHandling(String contentHandling) {
        if (contentHandling != null && !CONTENT_HANDLING.contains(contentHandling)) {
            throw AwsException.badRequest("Invalid content handling specified. Valid options are CONVERT_TO_BINARY,CONVERT_TO_TEXT");
        }
    }

    private static void checkHttpEndpoint(String uri) {
        try {
            // stage variables may stand anywhere in the URI, the host included
            URI parsed = URI.create(uri == null ? "" : uri.replaceAll("\\$\\{stageVariables\\.[A-Za-z0-9_]+}", "x"));
            if (!Set.of("http", "https").contains(String.valueOf(parsed.getScheme())) || parsed.getHost() == null) {
                throw new IllegalArgumentException(uri);
            }
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest("Invalid HTTP endpoint specified for URI");
        }
    }

    private static void checkServiceArn(String type, String uri) {
        Matcher arn = SERVICE_ARN.matcher(uri == null ? "" : uri);
        if (!arn.matches()) {
            throw AwsException.badRequest("Invalid ARN specified in the request");
        }
        String service = arn.group(2);
        String target = arn.group(3);
        if (!target.startsWith("path/") && !target.startsWith("action/")) {
            throw AwsException.badRequest("AWS ARN for integration must contain path or action");
        }
        if (type.equals("AWS_PROXY") && !Set.of("lambda", "firehose").contains(service)) {
            throw AwsException.badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function "
                    + "and Firehose stream invocations.");
        }
        if (service.equals("lambda") && target.startsWith("path/") && !LAMBDA_PATH.matcher(target).matches()) {
            throw AwsException.badRequest("Invalid ARN specified in the request");
        }
    }

    private ApiResponse putResponse(ApiRequest request) {
        String status = MethodHandlers.statusCode(request);
        Input in = Input.of(request, "putIntegrationResponseInput");
        return MethodHandlers.withApi(store, request, state -> {
            String resourceId = request.path("resource_id");
            Method method = state.method(resourceId, request.path("http_method"));
            Integration integration = method.integration().orElseThrow(Errors::integrationNotFound);
            if (!method.methodResponsesOrEmpty().containsKey(status)) {
                throw Errors.responseNotFound();
            }
            String contentHandling = in.string("contentHandling");
            checkContentHandling(contentHandling);
            IntegrationResponse response = new IntegrationResponse(status, in.string("selectionPattern"),
                    in.stringMap("responseParameters"), in.stringMap("responseTemplates"), contentHandling);
            state.putMethod(resourceId, method.withMethodIntegration(integration.withIntegrationResponse(response)));
            return ApiResponse.json(201, response);
        });
    }

    private ApiResponse getResponse(ApiRequest request) {
        String status = MethodHandlers.statusCode(request);
        return MethodHandlers.withApi(store, request, state -> ApiResponse.json(200, response(state, request, status)));
    }

    private ApiResponse updateResponse(ApiRequest request) {
        String status = MethodHandlers.statusCode(request);
        var ops = PatchOperations.read(request, "updateIntegrationResponseInput");
        return MethodHandlers.withApi(store, request, state -> {
            IntegrationResponse patched = PatchOperations.toRecord(PatchOperations.apply(
                    PatchOperations.toJson(response(state, request, status)), ops, RESPONSE_PATCHABLE), IntegrationResponse.class);
            checkContentHandling(patched.contentHandling());
            replaceIntegration(state, request, integration(state, request).withIntegrationResponse(patched));
            return ApiResponse.json(200, patched);
        });
    }

    private ApiResponse deleteResponse(ApiRequest request) {
        String status = MethodHandlers.statusCode(request);
        return MethodHandlers.withApi(store, request, state -> {
            response(state, request, status);
            replaceIntegration(state, request, integration(state, request).withoutIntegrationResponse(status));
            return ApiResponse.empty(204);
        });
    }

    private static IntegrationResponse response(RestApiState state, ApiRequest request, String status) {
        return integration(state, request).integrationResponse(status).orElseThrow(Errors::responseNotFound);
    }

    private static void replaceIntegration(RestApiState state, ApiRequest request, Integration integration) {
        String resourceId = request.path("resource_id");
        state.putMethod(resourceId, state.method(resourceId, request.path("http_method")).withMethodIntegration(integration));
    }
}
