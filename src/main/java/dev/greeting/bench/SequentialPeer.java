package dev.greeting.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The peer: the recipe's calls for each API, one API after the other, with the plain AWS SDK (its
 * own retries off) and nothing but Retry-After between a 429 and the retry. What a careful script
 * achieves; in its own region, so that its buckets are its own.
 */
public final class SequentialPeer {
    static final String REGION = "us-east-2";

    /** What the loop did: emulated seconds until the last API was deployed, calls, 429s received. */
    public record Outcome(double seconds, long calls, long throttled) {
    }

    private final ApiGatewayClient apigw;
    private final LambdaClient lambda;
    private long calls;
    private long throttled;

    private SequentialPeer(URI endpoint) {
        this.apigw = ApiGatewayClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(BenchEnvironment.TEST_CREDENTIALS)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        this.lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.of(BenchEnvironment.FUNCTION_REGION))
                .credentialsProvider(BenchEnvironment.TEST_CREDENTIALS)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** Creates {@code n} APIs; the functions come from the environment (outside the measured time). */
    public static Outcome run(BenchEnvironment env, int n, double scale) {
        String[] functions = new String[n];
        for (int i = 0; i < n; i++) {
            functions[i] = env.functionFor("peer-" + n, i);
        }
        SequentialPeer peer = new SequentialPeer(env.awsEndpoint());
        try {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                peer.createApi("peer-" + i, functions[i]);
            }
            return new Outcome((System.nanoTime() - start) / 1e9 * scale, peer.calls, peer.throttled);
        } finally {
            peer.apigw.close();
            peer.lambda.close();
        }
    }

    private void createApi(String name, String functionArn) {
        String apiId = call(() -> apigw.createRestApi(b -> b.name(name)).id());
        String rootId = call(() -> apigw.getResources(b -> b.restApiId(apiId)).items().get(0).id());
        String resourceId = call(() -> apigw.createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("greeting")).id());
        call(() -> apigw.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").authorizationType("NONE")
                .requestParameters(Map.of("method.request.querystring.greeter", false))));
        call(() -> apigw.putMethodResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").statusCode("200")));
        call(() -> apigw.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET")
                .type(IntegrationType.AWS).integrationHttpMethod("POST")
                .uri("arn:aws:apigateway:" + BenchEnvironment.FUNCTION_REGION + ":lambda:path/2015-03-31/functions/"
                        + functionArn + "/invocations")
                .requestTemplates(Map.of("application/json", "{\"greeter\":\"$input.params('greeter')\"}"))));
        call(() -> apigw.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET")
                .statusCode("200").selectionPattern("")));
        call(() -> apigw.createDeployment(b -> b.restApiId(apiId).stageName("test")));
        call(() -> lambda.addPermission(b -> b.functionName(functionArn).statementId("peer-" + apiId)
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:" + REGION + ":123456789012:" + apiId + "/*/GET/greeting")));
    }

    private <T> T call(Supplier<T> call) {
        while (true) {
            calls++;
            try {
                return call.get();
            } catch (AwsServiceException e) {
                if (e.statusCode() != 429) {
                    throw e;
                }
                throttled++;
                OperatorProcess.pause(retryAfter(e).toMillis());
            }
        }
    }

    private static Duration retryAfter(AwsServiceException e) {
        String value = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
                : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null);
        if (value == null) {
            return Duration.ofSeconds(1);
        }
        return Duration.ofNanos(Math.max(1_000_000L, (long) (Double.parseDouble(value.trim()) * 1e9)));
    }
}
