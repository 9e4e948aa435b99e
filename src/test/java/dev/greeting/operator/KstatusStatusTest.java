package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.emulator.control.FaultConfig;
import dev.greeting.model.GreetingApi;
import dev.greeting.reconcile.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The status as kstatus (Flux) and Argo CD read it, through the operator against the emulator:
 * InProgress from the first moment, InProgress through a transient AWS error, Failed on one only a
 * person can fix, Current once deployed.
 */
class KstatusStatusTest {

    @Test
    void aNewResourceIsInProgressBeforeItsFirstAwsCallReturns() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String fn = h.createFunction("HelloWorld");
            // CreateRestApi answers slowly: the first status must be there before.
            h.emulator.faults().configure(new FaultConfig(0, 0, 1500, 1, Set.of("CreateRestApi")));
            h.create(greetingApi("slow", fn, s -> { }));

            await().atMost(OperatorHarness.TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
                GreetingApi r = h.get("slow");
                return r.getStatus() != null && condition(r, Conditions.READY) != null
                        && "Unknown".equals(condition(r, Conditions.READY).getStatus());
            });
            GreetingApi first = h.get("slow");
            assertThat(first.getStatus().getObservedGeneration()).isEqualTo(first.getMetadata().getGeneration());
            assertThat(condition(first, Conditions.RECONCILING).getStatus()).isEqualTo("True");
            assertThat(condition(first, Conditions.STALLED)).isNull();
            assertThat(kstatus(first)).isEqualTo("InProgress");

            GreetingApi ready = h.awaitReady("slow");
            assertThat(kstatus(ready)).isEqualTo("Current");
            assertThat(ready.getStatus().getConditions()).extracting(Condition::getType).containsExactly("Ready", "Serving");
            assertThat(h.calls("CreateRestApi")).isEqualTo(1);
        }
    }

    @Test
    void aTransientErrorIsInProgressAndPassesByItself() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String fn = h.createFunction("HelloWorld");
            h.emulator.faults().configure(new FaultConfig(1, 0, 0, 1, Set.of("CreateDeployment")));
            h.create(greetingApi("flaky", fn, s -> { }));

            Condition ready = h.awaitNotReady("flaky", "AwsUnavailable");
            assertThat(ready.getMessage()).contains("CreateDeployment", "ServiceUnavailableException");
            GreetingApi failing = h.get("flaky");
            Condition reconciling = condition(failing, Conditions.RECONCILING);
            assertThat(reconciling.getStatus()).isEqualTo("True");
            assertThat(reconciling.getReason()).isEqualTo("AwsUnavailable");
            assertThat(condition(failing, Conditions.STALLED)).isNull();
            assertThat(kstatus(failing)).isEqualTo("InProgress");
            // Retried by itself: the failure does not stop the attempts.
            long attempts = h.calls("CreateDeployment");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("CreateDeployment") > attempts);

            h.emulator.faults().configure(FaultConfig.NONE);
            GreetingApi recovered = h.awaitReady("flaky");
            assertThat(kstatus(recovered)).isEqualTo("Current");
            assertThat(recovered.getStatus().getConditions()).extracting(Condition::getType).containsExactly("Ready", "Serving");
        }
    }

    @Test
    void aTerminalErrorIsFailedUntilAPersonFixesIt() {
        try (OperatorHarness h = OperatorHarness.start()) {
            h.create(greetingApi("no-function", OperatorHarness.functionArn("NotYet"), s -> { }));

            Condition ready = h.awaitNotReady("no-function", "FunctionNotFound");
            GreetingApi failed = h.get("no-function");
            Condition stalled = condition(failed, Conditions.STALLED);
            assertThat(stalled.getStatus()).isEqualTo("True");
            assertThat(stalled.getReason()).isEqualTo("FunctionNotFound");
            assertThat(stalled.getMessage()).isEqualTo(ready.getMessage());
            assertThat(stalled.getObservedGeneration()).isEqualTo(failed.getMetadata().getGeneration());
            assertThat(condition(failed, Conditions.RECONCILING)).isNull();
            assertThat(kstatus(failed)).isEqualTo("Failed");
            String stalledSince = stalled.getLastTransitionTime();

            // Later retries of the same failure move no transition time.
            long policyReads = h.calls("GetPolicy", "AddPermission");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("GetPolicy", "AddPermission") > policyReads);
            assertThat(condition(h.get("no-function"), Conditions.STALLED).getLastTransitionTime()).isEqualTo(stalledSince);

            h.createFunction("NotYet");
            GreetingApi fixed = h.awaitReady("no-function");
            assertThat(kstatus(fixed)).isEqualTo("Current");
            assertThat(condition(fixed, Conditions.STALLED)).isNull();
        }
    }

    @Test
    void anInvalidSpecIsFailed() {
        try (OperatorHarness h = OperatorHarness.start()) {
            // Refused by the CRD: stored only where an older CRD admitted it.
            h.createUnderAnOlderCrd(greetingApi("bad", "arn:aws:lambda:us-east-1:123456789012:function:Fn",
                    s -> s.setPath("a//b")));
            h.awaitNotReady("bad", "InvalidSpec");
            GreetingApi failed = h.get("bad");
            assertThat(condition(failed, Conditions.STALLED).getReason()).isEqualTo("InvalidSpec");
            assertThat(kstatus(failed)).isEqualTo("Failed");
        }
    }

    /** kstatus' generic rules for a custom resource (sigs.k8s.io/cli-utils/pkg/kstatus/status). */
    static String kstatus(GreetingApi r) {
        if (r.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        if (r.getStatus() == null || !r.getMetadata().getGeneration().equals(r.getStatus().getObservedGeneration())) {
            return r.getStatus() == null ? "Current" : "InProgress";
        }
        if (Conditions.isTrue(r.getStatus().getConditions(), Conditions.RECONCILING)) {
            return "InProgress";
        }
        if (Conditions.isTrue(r.getStatus().getConditions(), Conditions.STALLED)) {
            return "Failed";
        }
        return "Current";
    }

    private static Condition condition(GreetingApi r, String type) {
        return r.getStatus() == null ? null : Conditions.find(r.getStatus().getConditions(), type);
    }
}
