package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.model.GreetingApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Resyncs of an unchanged resource: no AWS write, at most 3 reads each, no status write. */
class SteadyStateTest {

    @Test
    void resyncReadsThreeTimesAndWritesNothing() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("steady", function, s -> { }));
            GreetingApi ready = h.awaitReady("steady");
            h.emulator.counters().reset();

            // Each resync reads the resources first: wait for several.
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("GetResources") >= 4);
            long resyncs = h.calls("GetResources");
            var calls = h.emulator.counters().callSnapshot();
            System.out.println("AWS calls over " + resyncs + " resyncs: " + calls);

            assertThat(h.writes()).as("writes during resyncs: %s", calls).isZero();
            assertThat(calls).containsOnlyKeys("GetResources", "GetStages", "GetPolicy");
            // A resync in progress may have done its first read only.
            assertThat(h.reads()).isLessThanOrEqualTo(3 * resyncs);
            GreetingApi after = h.get("steady");
            assertThat(after.getMetadata().getResourceVersion())
                    .as("no status write when nothing changed").isEqualTo(ready.getMetadata().getResourceVersion());
        }
    }

    @Test
    void withACredentialsRoleTwoReads() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("steady-role", function,
                    s -> s.setCredentialsRoleArn("arn:aws:iam::123456789012:role/apigAwsProxyRole")));
            h.awaitReady("steady-role");
            h.emulator.counters().reset();
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("GetResources") >= 3);
            assertThat(h.writes()).isZero();
            assertThat(h.emulator.counters().callSnapshot()).containsOnlyKeys("GetResources", "GetStages");
        }
    }

    @Test
    void restartCostsOneDeploymentReadThenThreeReads() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("restarted", function, s -> { }));
            h.awaitReady("restarted");
            h.stopOperator();
            h.emulator.counters().reset();
            h.startOperator();
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("GetResources") >= 3);
            assertThat(h.writes()).isZero();
            // The deployed hash is read once from the deployment, then remembered.
            assertThat(h.calls("GetDeployment")).isEqualTo(1);
            // ... and the deployments listed once, for any a crashed predecessor left unserved.
            assertThat(h.calls("GetDeployments")).isEqualTo(1);
            assertThat(h.calls("GetRestApis", "CreateRestApi")).isZero();
        }
    }
}
