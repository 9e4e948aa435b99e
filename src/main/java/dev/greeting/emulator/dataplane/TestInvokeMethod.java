package dev.greeting.emulator.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.emulator.apigateway.ApiGatewayEmulator;
import dev.greeting.emulator.apigateway.model.ApiSnapshot;
import dev.greeting.emulator.apigateway.model.Method;
import dev.greeting.emulator.apigateway.model.Resource;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Json;
import dev.greeting.emulator.http.QueryString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TestInvokeMethod: calls a method of the live (undeployed) configuration as stage
 * {@code test-invoke-stage}, and answers status, body, headers, latency and the execution log.
 */
final class TestInvokeMethod {
    static final String STAGE = "test-invoke-stage";

    private final ApiGatewayEmulator apiGateway;
    private final MethodExecutor executor;

    TestInvokeMethod(ApiGatewayEmulator apiGateway, MethodExecutor executor) {
        this.apiGateway = apiGateway;
        this.executor = executor;
    }

    ApiResponse handle(ApiRequest request) {
        String apiId = request.path("restapi_id");
        ApiSnapshot live = apiGateway.liveConfiguration(request.region(), apiId)
                .orElseThrow(() -> AwsException.notFound("Invalid API identifier specified " + MethodExecutor.ACCOUNT_ID + ":" + apiId));
        Resource resource = live.resourceById(request.path("resource_id"))
                .orElseThrow(() -> AwsException.notFound("Invalid Resource identifier specified"));
        Method method = resource.method(request.path("http_method"))
                .orElseThrow(() -> AwsException.notFound("Invalid Method identifier specified"));
        JsonNode input = request.json();

        String pathWithQuery = input.path("pathWithQueryString").asText("");
        if (pathWithQuery.isEmpty()) {
            pathWithQuery = resource.path();
        }
        int q = pathWithQuery.indexOf('?');
        String path = q < 0 ? pathWithQuery : pathWithQuery.substring(0, q);
        Map<String, List<String>> multiQuery = QueryString.parse(q < 0 ? "" : pathWithQuery.substring(q + 1));
        Map<String, String> query = new LinkedHashMap<>();
        multiQuery.forEach((k, v) -> query.put(k, v.get(v.size() - 1)));
        Map<String, String> headers = new LinkedHashMap<>();
        input.path("multiValueHeaders").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            headers.put(e.getKey(), String.join(",", values));
        });
        input.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        Map<String, String> stageVariables = new LinkedHashMap<>();
        input.path("stageVariables").fields().forEachRemaining(e -> stageVariables.put(e.getKey(), e.getValue().asText()));
        Map<String, String> pathParams = ResourceMatcher.match(List.of(resource), Resource::path, path)
                .map(ResourceMatcher.Match::pathParams).orElse(Map.of());

        MethodExecutor.Target target = new MethodExecutor.Target(request.region(), apiId, STAGE, stageVariables, resource,
                pathParams, method, live.requestValidator(method.requestValidatorId()));
        MethodRequest call = new MethodRequest(method.httpMethod(), path, query, multiQuery, headers,
                input.path("body").asText(""), "test-invoke-source-ip");
        MethodExecutor.Outcome outcome = executor.execute(target, call);

        ObjectNode out = Json.object();
        out.put("status", outcome.response().status());
        out.put("body", outcome.response().body());
        ObjectNode outHeaders = out.putObject("headers");
        ObjectNode outMulti = out.putObject("multiValueHeaders");
        outcome.response().headers().forEach((k, v) -> {
            outHeaders.put(k, v);
            outMulti.putArray(k).add(v);
        });
        out.put("log", outcome.log());
        out.put("latency", outcome.latencyMillis());
        return ApiResponse.json(200, out);
    }
}
