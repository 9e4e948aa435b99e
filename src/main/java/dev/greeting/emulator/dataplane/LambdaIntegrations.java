package dev.greeting.emulator.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.emulator.apigateway.model.Integration;
import dev.greeting.emulator.apigateway.model.IntegrationResponse;
import dev.greeting.emulator.http.Json;
import dev.greeting.emulator.lambda.LambdaEmulator;
import dev.greeting.emulator.lambda.LambdaFunction;
import dev.greeting.emulator.lambda.runtime.InvocationResult;
import dev.greeting.emulator.lambda.runtime.RuntimeUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda integrations, custom (type AWS) and proxy (AWS_PROXY): the function is found by the
 * integration URI, API Gateway's right to invoke it is checked (the integration's credentials
 * role, else the function's resource policy must allow {@code apigateway.amazonaws.com} for the
 * method's execute-api ARN), and it runs within the integration timeout (29 s by default).
 */
final class LambdaIntegrations implements MethodExecutor.Integrations, AutoCloseable {
    private static final int DEFAULT_TIMEOUT_MILLIS = 29_000;

    private final LambdaEmulator lambda;
    private final ExecutorService calls;

    LambdaIntegrations(LambdaEmulator lambda) {
        this.lambda = lambda;
        AtomicInteger threads = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "apigw-integration-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The outcome of calling the function: its result, or the gateway's answer when the call failed. */
    private record Call(InvocationResult result, GatewayResponse failure) {}

    @Override
    public GatewayResponse lambda(MethodExecutor.Target target, MethodRequest request, Integration integration,
                                  TemplateInput input, ExecutionLog log, MethodExecutor.ResponseMapper mapper) {
        Call call = call(target, request, integration, input.body(), log);
        if (call.failure() != null) {
            return call.failure();
        }
        InvocationResult result = call.result();
        String errorMessage = result.errorMessage().orElse(null);
        if (errorMessage != null) {
            log.add("Lambda execution failed with status 200 due to customer function error: " + errorMessage
                    + ". Lambda request id: " + result.requestId());
        }
        Optional<IntegrationResponse> chosen = ResponseSelection.select(integration.integrationResponsesOrEmpty().values(),
                IntegrationResponse::statusCode, IntegrationResponse::selectionPattern, errorMessage);
        if (chosen.isEmpty()) {
            return MethodExecutor.noOutputMapping(log, "200");
        }
        return mapper.map(chosen.get(), result.payloadText());
    }

    @Override
    public GatewayResponse lambdaProxy(MethodExecutor.Target target, MethodRequest request, Integration integration,
                                       ExecutionLog log) {
        Call call = call(target, request, integration, Json.writeString(proxyEvent(target, request)), log);
        if (call.failure() != null) {
            return call.failure();
        }
        if (call.result().failed()) {
            log.add("Lambda execution failed with status 200 due to customer function error: "
                    + call.result().errorMessage().orElse("") + ". Lambda request id: " + call.result().requestId());
            return GatewayResponse.error(502, "InternalServerErrorException", "Internal server error");
        }
        return proxyResponse(call.result().payloadText(), log);
    }

    private Call call(MethodExecutor.Target target, MethodRequest request, Integration integration, String body,
                      ExecutionLog log) {
        Optional<LambdaIntegrationUri> uri = LambdaIntegrationUri.parse(integration.uri(), target.stageVariables());
        if (uri.isEmpty()) {
            return failed(MethodExecutor.configurationError(log, "Invalid integration URI: " + integration.uri()));
        }
        String endpoint = "https://lambda." + uri.get().region() + ".amazonaws.com/2015-03-31/functions/"
                + uri.get().function() + "/invocations";
        log.add("Endpoint request URI: " + endpoint);
        log.add("Endpoint request headers: {X-Amz-Invocation-Type=RequestResponse, Content-Type=application/json}");
        log.add("Endpoint request body after transformations: " + body);
        Optional<LambdaFunction> function = lambda.findFunction(uri.get().region(), uri.get().function());
        if (function.isEmpty()) {
            return failed(MethodExecutor.configurationError(log, "Function not found: " + uri.get().function()));
        }
        String sourceArn = "arn:aws:execute-api:" + target.region() + ":" + MethodExecutor.ACCOUNT_ID + ":"
                + target.apiId() + "/" + target.stage() + "/" + request.httpMethod() + request.path();
        if (integration.credentials() == null
                && !function.get().policy().allowsInvoke("apigateway.amazonaws.com", sourceArn, MethodExecutor.ACCOUNT_ID)) {
            return failed(MethodExecutor.configurationError(log, "Invalid permissions on Lambda function"));
        }
        byte[] payload = body.isBlank() ? "{}".getBytes(StandardCharsets.UTF_8) : body.getBytes(StandardCharsets.UTF_8);
        try {
            Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            log.add("Endpoint response body before transformations: "
                    + "{\"Type\":\"User\",\"message\":\"Could not parse request body into json\"}");
            return failed(MethodExecutor.configurationError(log, "Lambda invocation failed with status: 400"));
        }
        log.add("Sending request to " + endpoint);
        long started = System.nanoTime();
        int timeout = integration.timeoutInMillis() == null ? DEFAULT_TIMEOUT_MILLIS : integration.timeoutInMillis();
        Future<InvocationResult> running = calls.submit(
                () -> lambda.runtime().invoke(LambdaEmulator.runtimeSpec(function.get()), payload));
        InvocationResult result;
        try {
            result = running.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.add("Execution failed due to a timeout error");
            return failed(GatewayResponse.error(504, "InternalServerErrorException", "Endpoint request timed out"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof RuntimeUnavailableException ? cause.getMessage() : String.valueOf(cause);
            return failed(MethodExecutor.configurationError(log, "Lambda invocation failed: " + why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(GatewayResponse.internalServerError());
        }
        log.add("Received response. Status: 200, Integration latency: " + (System.nanoTime() - started) / 1_000_000 + " ms");
        log.add("Endpoint response headers: {Content-Type=application/json, X-Amz-Executed-Version=$LATEST"
                + (result.failed() ? ", X-Amz-Function-Error=" + result.functionError() : "") + "}");
        log.add("Endpoint response body before transformations: " + result.payloadText());
        return new Call(result, null);
    }

    private static Call failed(GatewayResponse response) {
        return new Call(null, response);
    }

    /** The event a Lambda proxy integration passes (payload format 1.0). */
    private static ObjectNode proxyEvent(MethodExecutor.Target target, MethodRequest request) {
        ObjectNode event = Json.object();
        event.put("resource", target.resource().path());
        event.put("path", request.path());
        event.put("httpMethod", request.httpMethod());
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        request.headers().forEach((k, v) -> {
            headers.put(k, v);
            multiHeaders.putArray(k).add(v);
        });
        if (request.query().isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode query = event.putObject("queryStringParameters");
            request.query().forEach(query::put);
            ObjectNode multiQuery = event.putObject("multiValueQueryStringParameters");
            request.multiQuery().forEach((k, values) -> values.forEach(multiQuery.putArray(k)::add));
        }
        if (target.pathParams().isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode path = event.putObject("pathParameters");
            target.pathParams().forEach(path::put);
        }
        if (target.stageVariables().isEmpty()) {
            event.putNull("stageVariables");
        } else {
            ObjectNode vars = event.putObject("stageVariables");
            target.stageVariables().forEach(vars::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("resourceId", target.resource().id());
        context.put("resourcePath", target.resource().path());
        context.put("httpMethod", request.httpMethod());
        context.put("path", "/" + target.stage() + request.path());
        context.put("accountId", MethodExecutor.ACCOUNT_ID);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", target.stage());
        context.put("requestId", java.util.UUID.randomUUID().toString());
        context.put("apiId", target.apiId());
        context.putObject("identity").put("sourceIp", request.sourceIp()).put("userAgent", request.header("User-Agent"));
        if (request.body() == null || request.body().isEmpty()) {
            event.putNull("body");
        } else {
            event.put("body", request.body());
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    /** A proxy function's answer: {@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body}. */
    private static GatewayResponse proxyResponse(String payload, ExecutionLog log) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || (node.has("statusCode") && !node.get("statusCode").canConvertToInt()
                && !node.get("statusCode").asText().matches("\\d{3}"))) {
            log.add("Execution failed due to configuration error: Malformed Lambda proxy response");
            return GatewayResponse.error(502, "InternalServerErrorException", "Internal server error");
        }
        int status = node.has("statusCode") ? Integer.parseInt(node.get("statusCode").asText()) : 200;
        Map<String, String> headers = new LinkedHashMap<>();
        node.path("multiValueHeaders").fields().forEachRemaining(e -> {
            List<String> values = new java.util.ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            headers.put(e.getKey(), String.join(",", values));
        });
        node.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        headers.putIfAbsent("Content-Type", "application/json");
        JsonNode bodyNode = node.get("body");
        String body = bodyNode == null || bodyNode.isNull() ? "" : bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString();
        if (node.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        log.add("Method response body after transformations: " + body);
        log.add("Method response headers: " + headers);
        log.add("Successfully completed execution");
        return new GatewayResponse(status, headers, body);
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
