package dev.greeting.emulator.control;

import java.util.Set;

/**
 * One rate limit: a token bucket shared by the named operations ({@code ALL} for every
 * management operation of the service), refilled at {@code permitsPerSecond} up to {@code burst}.
 */
public record QuotaRule(String name, Set<String> operations, double permitsPerSecond, double burst) {
    public static final String ALL = "*";
    /**
     * Operations routed with a management service that are data plane, not management calls: Lambda's
     * Invoke family has its own limits (concurrency), outside the control plane's request rate.
     * {@code ALL} does not cover them; a rule naming one explicitly still applies.
     */
    static final Set<String> DATA_PLANE = Set.of("Invoke", "InvokeAsync", "InvokeWithResponseStream");

    public boolean applies(String operation) {
        return operations.contains(operation) || (operations.contains(ALL) && !DATA_PLANE.contains(operation));
    }

    /** API Gateway's published management-API quotas (per account and region). */
    public static java.util.List<QuotaRule> awsApiGateway() {
        return java.util.List.of(
                new QuotaRule("CreateRestApi", Set.of("CreateRestApi", "ImportRestApi"), 1d / 3, 1),
                new QuotaRule("PutRestApi", Set.of("PutRestApi"), 1, 1),
                new QuotaRule("CreateDeployment", Set.of("CreateDeployment"), 1d / 5, 1),
                new QuotaRule("DeleteRestApi", Set.of("DeleteRestApi"), 1d / 30, 1),
                new QuotaRule("GetResources", Set.of("GetResources"), 5d / 2, 5),
                new QuotaRule("CreateDeleteResource", Set.of("CreateResource", "DeleteResource"), 5, 5),
                new QuotaRule("ApiGatewayTotal", Set.of(ALL), 10, 40));
    }

    /** Lambda's control plane shares 15 requests per second (Invoke is not part of it). */
    public static java.util.List<QuotaRule> awsLambda() {
        return java.util.List.of(new QuotaRule("LambdaControlPlane", Set.of(ALL), 15, 15));
    }
}
