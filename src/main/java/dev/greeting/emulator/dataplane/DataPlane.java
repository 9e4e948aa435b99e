package dev.greeting.emulator.dataplane;

import dev.greeting.emulator.apigateway.ApiGatewayEmulator;
import dev.greeting.emulator.apigateway.model.DeployedStage;
import dev.greeting.emulator.apigateway.model.Method;
import dev.greeting.emulator.apigateway.model.Resource;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import dev.greeting.emulator.lambda.LambdaEmulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's data plane: the invoke URLs, in LocalStack's two forms
 * ({@code /_aws/execute-api/{apiId}/{stage}/{path}} and
 * {@code /restapis/{apiId}/{stage}/_user_request_/{path}}), served from the stage's deployment
 * snapshot, and TestInvokeMethod on the live configuration. An unknown API, stage, resource or
 * method answers 403 Missing Authentication Token, as API Gateway does.
 */
public final class DataPlane implements AutoCloseable {
    /** The operation name invoke-URL calls are counted under. */
    public static final String EXECUTE_OPERATION = "execute-api:Invoke";
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final ApiGatewayEmulator apiGateway;
    private final LambdaIntegrations integrations;
    private final MethodExecutor executor;

    public DataPlane(ApiGatewayEmulator apiGateway, LambdaEmulator lambda) {
        this.apiGateway = apiGateway;
        this.integrations = new LambdaIntegrations(lambda);
        this.executor = new MethodExecutor(new MappingTemplateEngine(), integrations);
    }

    public void register(Router router) {
        for (String method : HTTP_METHODS) {
            router.add(Service.EXECUTE_API, EXECUTE_OPERATION, method, "/_aws/execute-api/{apiId}/{stage}", this::invoke)
                    .add(Service.EXECUTE_API, EXECUTE_OPERATION, method, "/_aws/execute-api/{apiId}/{stage}/{proxy+}", this::invoke)
                    .add(Service.EXECUTE_API, EXECUTE_OPERATION, method, "/restapis/{apiId}/{stage}/_user_request_", this::invoke)
                    .add(Service.EXECUTE_API, EXECUTE_OPERATION, method, "/restapis/{apiId}/{stage}/_user_request_/{proxy+}",
                            this::invoke);
        }
        TestInvokeMethod testInvoke = new TestInvokeMethod(apiGateway, executor);
        router.add(Service.APIGATEWAY, "TestInvokeMethod", "POST",
                "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}", testInvoke::handle);
    }

    /** A call of an invoke URL, answered from what the stage's deployment froze. */
    private ApiResponse invoke(ApiRequest request) {
        String proxy = request.path("proxy");
        String path = "/" + (proxy == null ? "" : proxy);
        Optional<DeployedStage> deployed = apiGateway.deployedStage(request.path("apiId"), request.path("stage"));
        if (deployed.isEmpty()) {
            return GatewayResponse.missingAuthenticationToken().toApiResponse();
        }
        DeployedStage stage = deployed.get();
        Optional<ResourceMatcher.Match<Resource>> match = ResourceMatcher.match(stage.resources(), Resource::path, path);
        Optional<Method> method = match.flatMap(m -> m.resource().method(request.method())
                .or(() -> m.resource().method("ANY")));
        if (method.isEmpty()) {
            return GatewayResponse.missingAuthenticationToken().toApiResponse();
        }
        MethodExecutor.Target target = new MethodExecutor.Target(stage.region(), stage.restApiId(), stage.stageName(),
                stage.variables(), match.get().resource(), match.get().pathParams(), method.get(),
                stage.snapshot().requestValidator(method.get().requestValidatorId()));
        return executor.execute(target, methodRequest(request, path)).response().toApiResponse();
    }

    private static MethodRequest methodRequest(ApiRequest request, String path) {
        Map<String, String> query = new LinkedHashMap<>();
        request.query().forEach((k, values) -> {
            if (!values.isEmpty()) {
                query.put(k, values.get(values.size() - 1));
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, values) -> {
            if (!values.isEmpty()) {
                headers.put(k, String.join(",", values));
            }
        });
        return new MethodRequest(request.method(), path, query, request.query(), headers, request.bodyText(),
                request.sourceIp());
    }

    @Override
    public void close() {
        integrations.close();
    }
}
