package dev.greeting.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * How the operator reaches AWS: the default region, optional endpoints per service (LocalStack
 * style), credentials (default chain unless given), the quotas it schedules its calls under, and
 * how long one call may wait for a quota before the reconcile is rescheduled instead.
 *
 * @param apiGatewayEndpoint null for AWS's own endpoint
 * @param lambdaEndpoint null for AWS's own endpoint
 */
public record AwsSettings(String defaultRegion, URI apiGatewayEndpoint, URI lambdaEndpoint,
                          AwsCredentialsProvider credentials, QuotaPolicy quotas, Duration maxQuotaWait) {

    public static final Duration DEFAULT_MAX_QUOTA_WAIT = Duration.ofSeconds(30);

    /**
     * From the standard variables: {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}),
     * {@code AWS_ENDPOINT_URL_API_GATEWAY} / {@code AWS_ENDPOINT_URL_LAMBDA}, else {@code AWS_ENDPOINT_URL}.
     * The SDK would read the endpoint variables by itself; reading them here too lets the
     * operator give LocalStack-style invoke URLs under a custom endpoint.
     */
    public static AwsSettings fromEnvironment(Map<String, String> env) {
        String region = firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        String common = env.get("AWS_ENDPOINT_URL");
        return new AwsSettings(region,
                uri(firstNonBlank(env.get("AWS_ENDPOINT_URL_API_GATEWAY"), common)),
                uri(firstNonBlank(env.get("AWS_ENDPOINT_URL_LAMBDA"), common)),
                DefaultCredentialsProvider.builder().build(), QuotaPolicy.awsDefaults(), DEFAULT_MAX_QUOTA_WAIT);
    }

    /** Both services on one endpoint (an emulator), with the given credentials. */
    public static AwsSettings forEndpoint(URI endpoint, String region, AwsCredentialsProvider credentials) {
        return new AwsSettings(region, endpoint, endpoint, credentials, QuotaPolicy.awsDefaults(), DEFAULT_MAX_QUOTA_WAIT);
    }

    public AwsSettings withRegion(String region) {
        return new AwsSettings(region, apiGatewayEndpoint, lambdaEndpoint, credentials, quotas, maxQuotaWait);
    }

    public AwsSettings withQuotas(QuotaPolicy newQuotas) {
        return new AwsSettings(defaultRegion, apiGatewayEndpoint, lambdaEndpoint, credentials, newQuotas, maxQuotaWait);
    }

    public AwsSettings withMaxQuotaWait(Duration wait) {
        return new AwsSettings(defaultRegion, apiGatewayEndpoint, lambdaEndpoint, credentials, quotas, wait);
    }

    /**
     * AWS's invoke URL, or LocalStack's path form under a custom endpoint:
     * {@code <endpoint>/_aws/execute-api/<apiId>/<stage>/<path>}.
     */
    public String invokeUrl(String restApiId, String region, String stage, String resourcePath) {
        if (apiGatewayEndpoint != null) {
            String base = apiGatewayEndpoint.toString().replaceAll("/+$", "");
            return base + "/_aws/execute-api/" + restApiId + "/" + stage + resourcePath;
        }
        return "https://" + restApiId + ".execute-api." + region + ".amazonaws.com/" + stage + resourcePath;
    }

    private static URI uri(String value) {
        return value == null ? null : URI.create(value.trim());
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
