package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two operator instances, each with its own client, compete for one Lease on the same API
 * server: only the leader reconciles; when it stops, the other takes over, and no AWS write is
 * done twice.
 */
class LeaderElectionTest {
    static final String LEASE = "greeting-operator";

    @Test
    void oneLeaderReconcilesAndTheStandbyTakesOverWithoutRepeatingWork() {
        try (OperatorHarness h = OperatorHarness.startWithoutOperator();
             KubernetesClient clientA = h.newOperatorClient();
             KubernetesClient clientB = h.newOperatorClient()) {
            // Before competing, JOSDK asks the API server (a SelfSubjectRulesReview) whether it may
            // get, create and update Leases (fabric8 renews them with patch): deploy/leader-election-role.yaml
            // must allow it, which the real-server twin checks against the real authorizer.
            GreetingOperator a = GreetingOperator.start(clientA, h.settings().withLeaderElection(election(h, "replica-a")));
            GreetingOperator b = GreetingOperator.start(clientB, h.settings().withLeaderElection(election(h, "replica-b")));
            try {
                await().atMost(OperatorHarness.TIMEOUT).until(() -> a.isLeader() || b.isLeader());
                GreetingOperator leader = a.isLeader() ? a : b;
                GreetingOperator standby = leader == a ? b : a;
                String leaderName = leader == a ? "replica-a" : "replica-b";
                assertThat(standby.isLeader()).isFalse();
                assertThat(h.client.resources(Lease.class).inNamespace(h.namespace()).withName(LEASE).get()
                        .getSpec().getHolderIdentity()).isEqualTo(leaderName);

                String fn = h.createFunction("HelloWorld");
                h.create(greetingApi("first", fn, s -> { }));
                h.awaitReady("first");
                // A few resyncs later the standby still has not reconciled anything.
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                        .until(() -> reconciliations(standby) == 0 && h.calls("CreateRestApi") == 1);
                assertThat(reconciliations(leader)).isPositive();
                assertThat(standby.isHealthy()).as("a standby is healthy (and ready)").isTrue();

                leader.close();
                await().atMost(OperatorHarness.TIMEOUT).until(standby::isLeader);
                h.create(greetingApi("second", fn, s -> { }));
                h.awaitReady("second");
                await().atMost(OperatorHarness.TIMEOUT).until(() -> reconciliations(standby) >= 2);

                // Exactly one of each write per resource, over both leaders' terms, including
                // the new leader's resyncs of "first".
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                        .until(() -> h.calls("CreateRestApi") == 2 && h.calls("CreateDeployment") == 2
                                && h.calls("AddPermission") == 2);
                assertThat(h.awaitReady("first").getStatus().getRestApiId())
                        .isNotEqualTo(h.awaitReady("second").getStatus().getRestApiId());
                assertThat(h.apigw.getRestApis().items()).hasSize(2);
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private static OperatorSettings.LeaderElection election(OperatorHarness h, String identity) {
        // Short lease: the standby takes over within about two seconds of the leader stopping.
        return new OperatorSettings.LeaderElection(LEASE, h.namespace(), identity)
                .withTiming(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200))
                .withExitWhenLost(false);
    }

    private static double reconciliations(GreetingOperator operator) {
        return PrometheusText.parse(operator.metrics().scrape())
                .sum("greeting_operator_reconciliations_started_total", Map.of("controller", GreetingApiReconciler.NAME));
    }
}
