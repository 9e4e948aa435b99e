package dev.greeting.operator;

import dev.greeting.aws.AwsAdapter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator: JOSDK with the GreetingApi reconciler, on a given Kubernetes client. Status is
 * patched without server-side apply (JSON patch of what changed), as DEVELOPERS.md requires.
 */
public final class GreetingOperator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GreetingOperator.class);
    private final Operator operator;
    private final AwsAdapter aws;
    private final OperatorMetrics metrics;
    private final AtomicBoolean closing;

    private GreetingOperator(Operator operator, AwsAdapter aws, OperatorMetrics metrics, AtomicBoolean closing) {
        this.closing = closing;
        this.operator = operator;
        this.aws = aws;
        this.metrics = metrics;
    }

    /** Registers the reconciler and starts watching. The client stays the caller's to close. */
    public static GreetingOperator start(KubernetesClient client, OperatorSettings settings) {
        OperatorMetrics metrics = new OperatorMetrics();
        AwsAdapter aws = new AwsAdapter(settings.aws(), metrics.awsCalls());
        OperatorSettings.LeaderElection election = settings.leaderElection();
        metrics.leading(election == null);
        AtomicBoolean closing = new AtomicBoolean();
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withCloseClientOnStop(false)
                    .withMetrics(metrics.reconciliations());
            if (election != null) {
                o.withLeaderElectionConfiguration(leaderElection(election, metrics, closing));
            }
        });
        GreetingApiReconciler reconciler = new GreetingApiReconciler(aws, settings.retry(),
                settings.servingCheck(), new EventRecorder(client), Clock.systemUTC(), metrics);
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
        return new GreetingOperator(operator, aws, metrics, closing);
    }

    /**
     * JOSDK's own exit-on-lost-lease would also fire when {@link #close()} stops the elector, from
     * inside the JVM's shutdown hook, where {@code System.exit} blocks forever. So JOSDK is told not
     * to exit, and this callback exits only for a lease lost while running: the replica restarts as a
     * clean candidate rather than reconciling beside the new leader.
     */
    private static LeaderElectionConfiguration leaderElection(OperatorSettings.LeaderElection election,
                                                              OperatorMetrics metrics, AtomicBoolean closing) {
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    LOG.info("{} leads (Lease {}/{}): reconciling", election.identity(), election.namespace(),
                            election.leaseName());
                    metrics.leading(true);
                },
                () -> {
                    metrics.leading(false);
                    if (closing.get() || !election.exitWhenLost()) {
                        LOG.info("{} stopped leading", election.identity());
                        return;
                    }
                    LOG.error("{} lost the Lease {}/{}: exiting so that only the new leader reconciles",
                            election.identity(), election.namespace(), election.leaseName());
                    System.exit(1);
                },
                leader -> LOG.info("Lease {}/{} held by {}", election.namespace(), election.leaseName(), leader));
        return new LeaderElectionConfiguration(election.leaseName(), election.namespace(), election.leaseDuration(),
                election.renewDeadline(), election.retryPeriod(), election.identity(), callbacks, false);
    }

    /** Started, and its watches healthy (a standby replica counts as healthy: it is ready to take over). */
    public boolean isHealthy() {
        var info = operator.getRuntimeInfo();
        return info.isStarted() && info.allEventSourcesAreHealthy();
    }

    public boolean isStarted() {
        return operator.getRuntimeInfo().isStarted();
    }

    /** Whether this instance reconciles: it holds the Lease, or runs without leader election. */
    public boolean isLeader() {
        return metrics.isLeading();
    }

    public AwsAdapter aws() {
        return aws;
    }

    public OperatorMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        closing.set(true);
        operator.stop();
        aws.close();
        metrics.leading(false);
        metrics.close();
    }
}
