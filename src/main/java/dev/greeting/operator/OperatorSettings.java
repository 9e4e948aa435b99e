package dev.greeting.operator;

import dev.greeting.aws.AwsSettings;
import dev.greeting.reconcile.ServingCheck;
import java.time.Duration;
import java.util.Set;

/**
 * How the operator runs.
 *
 * @param namespaces the namespaces to watch; empty: all
 * @param resync how often an unchanged resource is checked against AWS (drift)
 * @param retry delays between attempts after a failed reconcile
 * @param leaderElection null to reconcile without competing for a Lease
 * @param servingCheck the delays between failed serving checks (TestInvokeMethod after a deployment)
 */
public record OperatorSettings(Set<String> namespaces, Duration resync, RetryDelays retry, AwsSettings aws,
                               LeaderElection leaderElection, ServingCheck servingCheck) {
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(9); // see RunCommand's --resync-interval

    public OperatorSettings {
        namespaces = Set.copyOf(namespaces);
    }

    public static OperatorSettings of(AwsSettings aws) {
        return new OperatorSettings(Set.of(), DEFAULT_RESYNC, RetryDelays.DEFAULTS, aws, null, ServingCheck.DEFAULTS);
    }

    public OperatorSettings withNamespaces(Set<String> newNamespaces) {
        return new OperatorSettings(newNamespaces, resync, retry, aws, leaderElection, servingCheck);
    }

    public OperatorSettings withResync(Duration newResync) {
        return new OperatorSettings(namespaces, newResync, retry, aws, leaderElection, servingCheck);
    }

    public OperatorSettings withRetry(RetryDelays newRetry) {
        return new OperatorSettings(namespaces, resync, newRetry, aws, leaderElection, servingCheck);
    }

    public OperatorSettings withAws(AwsSettings newAws) {
        return new OperatorSettings(namespaces, resync, retry, newAws, leaderElection, servingCheck);
    }

    public OperatorSettings withLeaderElection(LeaderElection election) {
        return new OperatorSettings(namespaces, resync, retry, aws, election, servingCheck);
    }

    public OperatorSettings withServingCheck(ServingCheck newServingCheck) {
        return new OperatorSettings(namespaces, resync, retry, aws, leaderElection, newServingCheck);
    }

    /**
     * Only the holder of the Lease {@code leaseName} in {@code namespace} reconciles.
     *
     * @param leaseDuration how long a lease lasts without renewal: a dead leader's successor waits this long
     * @param renewDeadline how long the leader keeps trying to renew before it gives up leading
     * @param retryPeriod how often candidates try to acquire, and the leader to renew
     * @param exitWhenLost exit the process when leadership is lost (so the pod restarts as a clean
     *        candidate instead of reconciling beside the new leader); off only in tests that stop an
     *        instance in-process
     */
    public record LeaderElection(String leaseName, String namespace, String identity, Duration leaseDuration,
                                 Duration renewDeadline, Duration retryPeriod, boolean exitWhenLost) {
        /** Client-go's (and JOSDK's) defaults: 15 s lease, 10 s renew deadline, 2 s retry period. */
        public LeaderElection(String leaseName, String namespace, String identity) {
            this(leaseName, namespace, identity, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2),
                    true);
        }

        public LeaderElection withTiming(Duration newLeaseDuration, Duration newRenewDeadline, Duration newRetryPeriod) {
            return new LeaderElection(leaseName, namespace, identity, newLeaseDuration, newRenewDeadline, newRetryPeriod,
                    exitWhenLost);
        }

        public LeaderElection withExitWhenLost(boolean exit) {
            return new LeaderElection(leaseName, namespace, identity, leaseDuration, renewDeadline, retryPeriod, exit);
        }
    }
}
