package dev.greeting.aws;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * One SDK client per service and region, made on first use. SDK retries are off: the
 * {@link CallScheduler} decides when to retry, under the quotas.
 */
public final class AwsClients implements AutoCloseable {
    private final AwsSettings settings;
    private final Map<String, ApiGatewayClient> apiGateway = new ConcurrentHashMap<>();
    private final Map<String, LambdaClient> lambda = new ConcurrentHashMap<>();

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
    }

    public ApiGatewayClient apiGateway(String region) {
        return apiGateway.computeIfAbsent(region, r -> {
            var builder = ApiGatewayClient.builder().region(Region.of(r)).credentialsProvider(settings.credentials())
                    .overrideConfiguration(overrides());
            if (settings.apiGatewayEndpoint() != null) {
                builder.endpointOverride(settings.apiGatewayEndpoint());
            }
            return builder.build();
        });
    }

    public LambdaClient lambda(String region) {
        return lambda.computeIfAbsent(region, r -> {
            var builder = LambdaClient.builder().region(Region.of(r)).credentialsProvider(settings.credentials())
                    .overrideConfiguration(overrides());
            if (settings.lambdaEndpoint() != null) {
                builder.endpointOverride(settings.lambdaEndpoint());
            }
            return builder.build();
        });
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    public void close() {
        apiGateway.values().forEach(ApiGatewayClient::close);
        lambda.values().forEach(LambdaClient::close);
        apiGateway.clear();
        lambda.clear();
    }
}
