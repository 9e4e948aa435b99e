package dev.greeting.cli;

import dev.greeting.aws.AwsSettings;
import dev.greeting.aws.QuotaPolicy;
import dev.greeting.operator.GreetingOperator;
import dev.greeting.operator.HealthServer;
import dev.greeting.operator.OperatorSettings;
import dev.greeting.reconcile.ServingCheck;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code run}: the operator against the current kubeconfig (or the in-cluster config), until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the operator against the current kubeconfig context, or the in-cluster config.",
                "AWS: the default credential chain, AWS_REGION, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_API_GATEWAY, "
                        + "AWS_ENDPOINT_URL_LAMBDA."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "Namespace to watch; repeat for several (default: all namespaces).")
    List<String> namespaces = List.of();

    // 9m, not 5m: a sweep reads GetResources once per resource, and its quota (2.5/s) cannot
    // read 1000 in 5 minutes; at 9 minutes a sweep of 1000 comes round within 10 minutes (JOSDK
    // counts from the end of a reconcile) and takes 37 % of the account's 10 calls/s (bench/RESULTS.md).
    @Option(names = "--resync-interval", defaultValue = "9m", converter = DurationConverter.class,
            description = "How often an unchanged resource is checked against AWS for drift, e.g. 30s, 5m, 1h "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration resync;

    @Option(names = "--serving-retry-delay", defaultValue = "1m", converter = DurationConverter.class,
            description = "Wait after a failed serving check (TestInvokeMethod after a deployment) before checking again,"
                    + " doubled per failure (default: ${DEFAULT-VALUE}).")
    Duration servingRetryDelay;

    @Option(names = "--serving-retry-max", defaultValue = "30m", converter = DurationConverter.class,
            description = "Longest wait between failed serving checks (default: ${DEFAULT-VALUE}).")
    Duration servingRetryMax;

    @Option(names = "--region", description = "Default region of the REST APIs (default: AWS_REGION).")
    String region;

    @Option(names = "--quota", paramLabel = "NAME=RATE[/BURST]",
            description = "Override one of the AWS quotas the operator keeps to, in calls per second, e.g. "
                    + "CreateDeployment=0.2, ApiGatewayTotal=10/40, LambdaControlPlane=15; repeatable.")
    List<String> quotas = List.of();

    @Option(names = "--no-quotas", description = "Do not schedule calls under AWS's quotas (AWS's throttling still waited out).")
    boolean noQuotas;

    /**
     * Long enough that a resource keeps its place in the quota queue while the JOSDK's 50 threads
     * work through a thousand creates (50 CreateDeployments are 250 s): a shorter wait reschedules
     * it, it observes again (more calls) and comes back after others took the slots, so the slowest
     * bucket idles (bench/RESULTS.md: 100 APIs did not converge in 4 times the quota bound at 30 s).
     */
    public static final String DEFAULT_MAX_QUOTA_WAIT = "20m";

    @Option(names = "--max-quota-wait", defaultValue = DEFAULT_MAX_QUOTA_WAIT, converter = DurationConverter.class,
            description = "Longest a call waits for its quota before the resource is rescheduled (default: ${DEFAULT-VALUE}).")
    Duration maxQuotaWait;

    @Option(names = "--leader-election",
            description = "Compete for a Lease so that only one replica reconciles (namespace from POD_NAMESPACE, "
                    + "identity from POD_NAME).")
    boolean leaderElection;

    @Option(names = "--lease-name", defaultValue = "greeting-operator", description = "The Lease's name (default: ${DEFAULT-VALUE}).")
    String leaseName;

    @Option(names = "--lease-namespace", paramLabel = "NAMESPACE",
            description = "The Lease's namespace (default: POD_NAMESPACE, else the in-cluster service account's namespace).")
    String leaseNamespace;

    @Option(names = "--lease-duration", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long a Lease lasts unrenewed: a standby takes over this long after the leader died "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration leaseDuration;

    @Option(names = "--lease-renew-deadline", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long the leader retries renewing before it gives up and exits (default: ${DEFAULT-VALUE}).")
    Duration leaseRenewDeadline;

    @Option(names = "--lease-retry-period", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often to try to acquire or renew the Lease (default: ${DEFAULT-VALUE}).")
    Duration leaseRetryPeriod;

    @Option(names = "--metrics-port", defaultValue = "-1",
            description = "Serve /healthz, /readyz and /metrics on this port (default: off).")
    int metricsPort;

    @Override
    public Integer call() throws Exception {
        AwsSettings aws = AwsSettings.fromEnvironment(System.getenv());
        if (region != null) {
            aws = aws.withRegion(region);
        }
        QuotaPolicy policy = noQuotas ? QuotaPolicy.unlimited() : QuotaPolicy.awsDefaults();
        for (String override : quotas) {
            policy = policy.withOverride(override);
        }
        aws = aws.withQuotas(policy).withMaxQuotaWait(maxQuotaWait);
        OperatorSettings settings = OperatorSettings.of(aws).withNamespaces(new HashSet<>(namespaces)).withResync(resync)
                .withServingCheck(new ServingCheck(servingRetryDelay, servingRetryMax));
        if (leaderElection) {
            String namespace = leaseNamespace != null ? leaseNamespace : System.getenv("POD_NAMESPACE");
            String identity = System.getenv().getOrDefault("POD_NAME", java.net.InetAddress.getLocalHost().getHostName());
            settings = settings.withLeaderElection(new OperatorSettings.LeaderElection(leaseName, namespace, identity)
                    .withTiming(leaseDuration, leaseRenewDeadline, leaseRetryPeriod));
        }

        KubernetesClient client = new KubernetesClientBuilder().build();
        GreetingOperator operator = GreetingOperator.start(client, settings);
        HealthServer health = metricsPort >= 0 ? HealthServer.start("0.0.0.0", metricsPort, operator) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (health != null) {
                health.close();
            }
            operator.close();
            client.close();
            stopped.countDown();
        }, "operator-shutdown"));
        System.out.println("greeting-operator watching " + (namespaces.isEmpty() ? "all namespaces" : namespaces)
                + " on " + client.getMasterUrl() + "; default region " + (aws.defaultRegion() == null ? "(none)" : aws.defaultRegion())
                + (aws.apiGatewayEndpoint() == null ? "" : "; API Gateway endpoint " + aws.apiGatewayEndpoint())
                + (health == null ? "" : "; /healthz, /readyz, /metrics on port " + health.port()));
        stopped.await();
        return 0;
    }

    /** Durations as 30s, 5m, 1h, 250ms, or ISO-8601 (PT5M). */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (v.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("not a duration (30s, 5m, 1h, PT5M): " + value);
            };
        }
    }
}
