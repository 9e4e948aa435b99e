package dev.greeting.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The quotas the scheduler enforces, per account and region as AWS counts them. Defaults are
 * AWS's published management-API quotas; each can be overridden ({@code name=rate[/burst]}).
 */
public record QuotaPolicy(List<Quota> quotas) {
    public static final String API_GATEWAY_TOTAL = "ApiGatewayTotal";
    public static final String LAMBDA_CONTROL_PLANE = "LambdaControlPlane";

    public QuotaPolicy {
        quotas = List.copyOf(quotas);
    }

    /** API Gateway's published quotas (regional APIs) and Lambda's control-plane rate. */
    public static QuotaPolicy awsDefaults() {
        AwsService apigw = AwsService.API_GATEWAY;
        return new QuotaPolicy(List.of(
                new Quota("CreateRestApi", apigw, Set.of("CreateRestApi", "ImportRestApi"), 1d / 3, 1),
                new Quota("PutRestApi", apigw, Set.of("PutRestApi"), 1, 1),
                new Quota("CreateDeployment", apigw, Set.of("CreateDeployment"), 1d / 5, 1),
                new Quota("DeleteRestApi", apigw, Set.of("DeleteRestApi"), 1d / 30, 1),
                new Quota("GetResources", apigw, Set.of("GetResources"), 5d / 2, 5),
                new Quota("CreateDeleteResource", apigw, Set.of("CreateResource", "DeleteResource"), 5, 5),
                new Quota(API_GATEWAY_TOTAL, apigw, Set.of(Quota.ALL), 10, 40),
                new Quota(LAMBDA_CONTROL_PLANE, AwsService.LAMBDA, Set.of(Quota.ALL), 15, 15)));
    }

    /** No client-side limits: every call goes out at once (AWS's own throttling still applies). */
    public static QuotaPolicy unlimited() {
        return new QuotaPolicy(List.of());
    }

    /** Every rate multiplied by {@code factor}, for an emulator running quota time faster. */
    public QuotaPolicy scaled(double factor) {
        return new QuotaPolicy(quotas.stream().map(q -> q.withRate(q.permitsPerSecond() * factor, q.burst())).toList());
    }

    /**
     * This policy with one quota changed, from {@code name=rate[/burst]}, rate in calls per second
     * (e.g. {@code CreateDeployment=0.2}, {@code ApiGatewayTotal=10/40}). An unknown name adds a
     * quota for the API Gateway operation of that name.
     */
    public QuotaPolicy withOverride(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("quota override must be name=rate[/burst]: " + spec);
        }
        String name = spec.substring(0, eq).trim();
        String[] value = spec.substring(eq + 1).trim().split("/");
        double rate;
        Double burst;
        try {
            rate = Double.parseDouble(value[0]);
            burst = value.length > 1 ? Double.parseDouble(value[1]) : null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quota override must be name=rate[/burst]: " + spec);
        }
        List<Quota> result = new ArrayList<>();
        boolean found = false;
        for (Quota q : quotas) {
            if (q.name().equalsIgnoreCase(name)) {
                result.add(q.withRate(rate, burst != null ? burst : q.burst()));
                found = true;
            } else {
                result.add(q);
            }
        }
        if (!found) {
            AwsService service = name.toLowerCase(Locale.ROOT).contains("permission") || name.equals("GetPolicy")
                    ? AwsService.LAMBDA : AwsService.API_GATEWAY;
            result.add(new Quota(name, service, Set.of(name), rate, burst != null ? burst : 1));
        }
        return new QuotaPolicy(result);
    }

    public List<Quota> applicable(AwsService service, String operation) {
        return quotas.stream().filter(q -> q.applies(service, operation)).toList();
    }
}
