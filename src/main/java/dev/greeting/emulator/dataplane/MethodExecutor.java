package dev.greeting.emulator.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.apigateway.model.Integration;
import dev.greeting.emulator.apigateway.model.IntegrationResponse;
import dev.greeting.emulator.apigateway.model.Method;
import dev.greeting.emulator.apigateway.model.RequestValidator;
import dev.greeting.emulator.apigateway.model.Resource;
import dev.greeting.emulator.http.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs one method call the way API Gateway does: method request validation, the integration
 * request (mapping template chosen by content type and passthrough behaviour), the integration
 * itself, the integration response chosen by selection pattern, and the response mapping. Every
 * step is written to the execution log that TestInvokeMethod returns.
 */
final class MethodExecutor {
    static final String ACCOUNT_ID = "123456789012";

    /**
     * The method being called and where: region and API, the stage (or TestInvokeMethod's
     * {@code test-invoke-stage}), the resource matched and its path parameters.
     */
    record Target(String region, String apiId, String stage, Map<String, String> stageVariables, Resource resource,
                  Map<String, String> pathParams, Method method, Optional<RequestValidator> validator) {}

    /** A call's outcome and its execution log. */
    record Outcome(GatewayResponse response, String log, long latencyMillis) {}

    /** Calls the back end of an integration (Lambda custom, Lambda proxy). */
    interface Integrations {
        GatewayResponse lambda(Target target, MethodRequest request, Integration integration, TemplateInput input,
                               ExecutionLog log, ResponseMapper mapper);

        GatewayResponse lambdaProxy(Target target, MethodRequest request, Integration integration, ExecutionLog log);
    }

    /** Maps an integration's result to the method response. */
    interface ResponseMapper {
        GatewayResponse map(IntegrationResponse response, String payload);
    }

    private final MappingTemplateEngine templates;
    private final Integrations integrations;

    MethodExecutor(MappingTemplateEngine templates, Integrations integrations) {
        this.templates = templates;
        this.integrations = integrations;
    }

    Outcome execute(Target target, MethodRequest request) {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        ExecutionLog log = new ExecutionLog(requestId);
        GatewayResponse response = run(target, request, requestId, log);
        log.add("Method completed with status: " + response.status());
        return new Outcome(response, log.toString(), (System.nanoTime() - started) / 1_000_000);
    }

    private GatewayResponse run(Target target, MethodRequest request, String requestId, ExecutionLog log) {
        Method method = target.method();
        log.add("Starting execution for request: " + requestId);
        log.add("HTTP Method: " + request.httpMethod() + ", Resource Path: " + request.path());
        log.add("Method request path: " + target.pathParams());
        log.add("Method request query string: " + request.query());
        log.add("Method request headers: " + request.headers());
        log.add("Method request body before transformations: " + request.body());

        if (target.validator().map(v -> Boolean.TRUE.equals(v.validateRequestParameters())).orElse(false)) {
            List<String> missing = RequiredParameters.missing(method.requestParametersOrEmpty(), request.query(),
                    request.headers(), target.pathParams());
            if (!missing.isEmpty()) {
                String message = RequiredParameters.message(missing);
                log.add("Request validation failed for request: " + message);
                return GatewayResponse.error(400, "BadRequestException", message);
            }
        }

        Integration integration = method.methodIntegration();
        if (integration == null) {
            return configurationError(log, "No integration defined for method");
        }
        String type = integration.type() == null ? "" : integration.type().toUpperCase(Locale.ROOT);
        if (type.equals("AWS_PROXY")) {
            return integrations.lambdaProxy(target, request, integration, log);
        }

        Map<String, Object> context = ContextVariables.of(new ContextVariables.Request(requestId, ACCOUNT_ID,
                target.apiId(), target.stage(), request.httpMethod(), target.resource().path(), target.resource().id(),
                "/" + target.stage() + request.path(), target.apiId() + ".execute-api." + target.region() + ".amazonaws.com",
                request.sourceIp(), request.header("User-Agent"), Instant.now()));
        TemplateInput input = new TemplateInput(request.body(), target.pathParams(), request.query(), request.headers(),
                context, target.stageVariables());
        TemplateSelection.Request selection = TemplateSelection.forRequest(integration.requestTemplates(),
                integration.passthroughBehavior(), request.header("Content-Type"));
        if (selection.unsupportedMediaType()) {
            log.add("Execution failed: Unsupported Media Type");
            return GatewayResponse.error(415, "UnsupportedMediaTypeException", "Unsupported Media Type");
        }
        String integrationBody;
        try {
            integrationBody = selection.template().map(t -> templates.render(t, input)).orElse(request.body());
        } catch (MappingTemplateException e) {
            return templateFailure(log, e);
        }
        TemplateInput responseInput = input;
        ResponseMapper mapper = (chosen, payload) -> mapResponse(chosen, payload, responseInput, request, target, log);
        switch (type) {
            case "AWS":
                return integrations.lambda(target, request, integration, input.withBody(integrationBody), log, mapper);
            case "MOCK":
                return mock(integration, integrationBody, log, mapper);
            default:
                return configurationError(log, "Integration type " + integration.type() + " is not supported by the emulator");
        }
    }

    /** A MOCK integration answers the statusCode its request template wrote, with an empty body. */
    private GatewayResponse mock(Integration integration, String requestBody, ExecutionLog log, ResponseMapper mapper) {
        String status = "200";
        try {
            JsonNode node = Json.MAPPER.readTree(requestBody.isBlank() ? "{}" : requestBody);
            if (node != null && node.has("statusCode")) {
                status = node.get("statusCode").asText();
            }
        } catch (IOException e) {
            log.add("Execution failed due to configuration error: the MOCK request template did not write a JSON statusCode");
            return GatewayResponse.internalServerError();
        }
        log.add("Endpoint response body before transformations: ");
        Optional<IntegrationResponse> chosen = ResponseSelection.select(integration.integrationResponsesOrEmpty().values(),
                IntegrationResponse::statusCode, IntegrationResponse::selectionPattern, status);
        if (chosen.isEmpty()) {
            return noOutputMapping(log, status);
        }
        return mapper.map(chosen.get(), "");
    }

    /** The method response: status, mapped headers and the (possibly transformed) payload. */
    private GatewayResponse mapResponse(IntegrationResponse chosen, String payload, TemplateInput input,
                                        MethodRequest request, Target target, ExecutionLog log) {
        Optional<Map.Entry<String, String>> template =
                TemplateSelection.responseTemplate(chosen.responseTemplates(), request.header("Accept"));
        String body;
        try {
            body = template.map(Map.Entry::getValue).filter(t -> !t.isBlank())
                    .map(t -> templates.render(t, input.withBody(payload))).orElse(payload);
        } catch (MappingTemplateException e) {
            log.add("Execution failed due to configuration error: Unable to transform response: " + e.getMessage());
            return GatewayResponse.internalServerError();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", template.map(Map.Entry::getKey).orElse(TemplateSelection.DEFAULT_CONTENT_TYPE));
        ResponseParameters.apply(chosen.responseParameters(), payload, target.stageVariables(), headers);
        int status = Integer.parseInt(chosen.statusCode());
        Map<String, Object> override = MappingTemplateEngine.responseOverride(input.context());
        if (override.get("status") != null) {
            try {
                status = Integer.parseInt(override.get("status").toString().trim());
            } catch (NumberFormatException e) {
                log.add("Ignoring $context.responseOverride.status: not a status code: " + override.get("status"));
            }
        }
        if (override.get("header") instanceof Map<?, ?> overridden) {
            overridden.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        log.add("Method response body after transformations: " + body);
        log.add("Method response headers: " + headers);
        log.add("Successfully completed execution");
        return new GatewayResponse(status, headers, body);
    }

    private static GatewayResponse templateFailure(ExecutionLog log, MappingTemplateException e) {
        if (e.status() == 400) {
            log.add("Execution failed: " + e.getMessage());
            return GatewayResponse.error(400, "BadRequestException", e.getMessage());
        }
        return configurationError(log, "Unable to transform request: " + e.getMessage());
    }

    static GatewayResponse configurationError(ExecutionLog log, String message) {
        log.add("Execution failed due to configuration error: " + message);
        return GatewayResponse.internalServerError();
    }

    static GatewayResponse noOutputMapping(ExecutionLog log, String endpointStatus) {
        return configurationError(log, "No match for output mapping and no default output mapping configured. "
                + "Endpoint Response Status Code: " + endpointStatus);
    }
}
