package dev.greeting.operator;

import dev.greeting.aws.AwsAdapter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;

/**
 * The operator: JOSDK with the GreetingApi reconciler, on a given Kubernetes client. Status is
 * patched without server-side apply (JSON patch of what changed), as DEVELOPERS.md requires.
 */
public final class GreetingOperator implements AutoCloseable {
    private final Operator operator;
    private final AwsAdapter aws;

    private GreetingOperator(Operator operator, AwsAdapter aws) {
        this.operator = operator;
        this.aws = aws;
    }

    /** Registers the reconciler and starts watching. The client stays the caller's to close. */
    public static GreetingOperator start(KubernetesClient client, OperatorSettings settings) {
        AwsAdapter aws = new AwsAdapter(settings.aws());
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withCloseClientOnStop(false);
            OperatorSettings.LeaderElection election = settings.leaderElection();
            if (election != null) {
                o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(election.leaseName(),
                        election.namespace(), election.identity()));
            }
        });
        GreetingApiReconciler reconciler = new GreetingApiReconciler(aws, settings.retry(), new EventRecorder(client),
                Clock.systemUTC());
        operator.register(reconciler, c -> {
            if (settings.namespaces().isEmpty()) {
                c.watchingAllNamespaces();
            } else {
                c.settingNamespaces(settings.namespaces());
            }
            c.withReconciliationMaxInterval(settings.resync());
            // AWS failures are handled in the reconciler; this retries only unexpected errors.
            c.withRetry(GenericRetry.defaultLimitedExponentialRetry());
        });
        operator.start();
        return new GreetingOperator(operator, aws);
    }

    /** Started, and its watches healthy (a standby replica counts as healthy: it is ready to take over). */
    public boolean isHealthy() {
        var info = operator.getRuntimeInfo();
        return info.isStarted() && info.allEventSourcesAreHealthy();
    }

    public boolean isStarted() {
        return operator.getRuntimeInfo().isStarted();
    }

    public AwsAdapter aws() {
        return aws;
    }

    @Override
    public void close() {
        operator.stop();
        aws.close();
    }
}
