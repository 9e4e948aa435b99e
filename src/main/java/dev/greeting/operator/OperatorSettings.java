package dev.greeting.operator;

import dev.greeting.aws.AwsSettings;
import java.time.Duration;
import java.util.Set;

/**
 * How the operator runs.
 *
 * @param namespaces the namespaces to watch; empty: all
 * @param resync how often an unchanged resource is checked against AWS (drift)
 * @param retry delays between attempts after a failed reconcile
 * @param leaderElection null to reconcile without competing for a Lease
 */
public record OperatorSettings(Set<String> namespaces, Duration resync, RetryDelays retry, AwsSettings aws,
                               LeaderElection leaderElection) {
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(5);

    public OperatorSettings {
        namespaces = Set.copyOf(namespaces);
    }

    public static OperatorSettings of(AwsSettings aws) {
        return new OperatorSettings(Set.of(), DEFAULT_RESYNC, RetryDelays.DEFAULTS, aws, null);
    }

    public OperatorSettings withNamespaces(Set<String> newNamespaces) {
        return new OperatorSettings(newNamespaces, resync, retry, aws, leaderElection);
    }

    public OperatorSettings withResync(Duration newResync) {
        return new OperatorSettings(namespaces, newResync, retry, aws, leaderElection);
    }

    public OperatorSettings withRetry(RetryDelays newRetry) {
        return new OperatorSettings(namespaces, resync, newRetry, aws, leaderElection);
    }

    public OperatorSettings withAws(AwsSettings newAws) {
        return new OperatorSettings(namespaces, resync, retry, newAws, leaderElection);
    }

    public OperatorSettings withLeaderElection(LeaderElection election) {
        return new OperatorSettings(namespaces, resync, retry, aws, election);
    }

    /** Only the holder of the Lease {@code leaseName} in {@code namespace} reconciles. */
    public record LeaderElection(String leaseName, String namespace, String identity) {
    }
}
