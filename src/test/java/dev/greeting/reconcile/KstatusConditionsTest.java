package dev.greeting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.model.GreetingApiStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Reconciling and Stalled conditions that kstatus (Flux) reads beside Ready, through a
 * resource's life: first seen, a transient failure, a terminal one, fixed.
 */
class KstatusConditionsTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant T1 = T0.plusSeconds(10);
    static final Instant T2 = T0.plusSeconds(20);
    static final Instant T3 = T0.plusSeconds(30);
    static final ApiRefs REFS = new ApiRefs("api1", "res1", "dep1", "https://api1.example/test/greeting", "us-west-2");

    @Test
    void aNewResourceIsReconcilingWithReadyUnknown() {
        GreetingApiStatus s = StatusUpdate.reconciling(null, 1, "Creating the REST API", T0);
        assertThat(s.getObservedGeneration()).isEqualTo(1);
        assertCondition(s, "Ready", "Unknown", "Reconciling");
        assertCondition(s, "Reconciling", "True", "Reconciling");
        assertThat(Conditions.find(s.getConditions(), "Stalled")).isNull();
        assertThat(Conditions.find(s.getConditions(), "Reconciling").getObservedGeneration()).isEqualTo(1);
    }

    @Test
    void readyRemovesReconcilingAndStalled() {
        GreetingApiStatus first = StatusUpdate.reconciling(null, 1, "Creating", T0);
        GreetingApiStatus ready = StatusUpdate.ready(first, 1, REFS, "serving", T1);
        assertCondition(ready, "Ready", "True", "Deployed");
        assertThat(ready.getConditions()).extracting(Condition::getType).containsExactly("Ready");
        assertThat(Conditions.find(ready.getConditions(), "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
    }

    @Test
    void aTransientFailureIsReconcilingNotStalled() {
        GreetingApiStatus ready = StatusUpdate.ready(null, 1, REFS, "serving", T0);
        GreetingApiStatus failed = StatusUpdate.notReady(ready, 1, ApiRefs.NONE, "AwsUnavailable", "503",
                StatusUpdate.Failure.TRANSIENT, T1);
        assertCondition(failed, "Ready", "False", "AwsUnavailable");
        assertCondition(failed, "Reconciling", "True", "AwsUnavailable");
        assertThat(Conditions.find(failed.getConditions(), "Reconciling").getMessage()).isEqualTo("503");
        assertThat(Conditions.find(failed.getConditions(), "Stalled")).isNull();
    }

    @Test
    void aTerminalFailureIsStalledNotReconciling() {
        GreetingApiStatus first = StatusUpdate.reconciling(null, 1, "Creating", T0);
        GreetingApiStatus failed = StatusUpdate.notReady(first, 1, ApiRefs.NONE, "FunctionNotFound", "no function",
                StatusUpdate.Failure.STALLED, T1);
        assertCondition(failed, "Ready", "False", "FunctionNotFound");
        assertCondition(failed, "Stalled", "True", "FunctionNotFound");
        assertThat(Conditions.find(failed.getConditions(), "Reconciling")).isNull();
    }

    @Test
    void transitionTimesMoveOnlyWhenAStatusChanges() {
        GreetingApiStatus first = StatusUpdate.reconciling(null, 1, "Creating", T0);
        GreetingApiStatus throttled = StatusUpdate.notReady(first, 1, ApiRefs.NONE, "Throttled", "wait",
                StatusUpdate.Failure.TRANSIENT, T1);
        // Reconciling stays True from T0; Ready went Unknown -> False at T1.
        assertThat(transition(throttled, "Reconciling")).isEqualTo(T0.toString());
        assertThat(transition(throttled, "Ready")).isEqualTo(T1.toString());

        GreetingApiStatus unavailable = StatusUpdate.notReady(throttled, 1, ApiRefs.NONE, "AwsUnavailable", "503",
                StatusUpdate.Failure.TRANSIENT, T2);
        assertThat(transition(unavailable, "Ready")).isEqualTo(T1.toString());
        assertThat(transition(unavailable, "Reconciling")).isEqualTo(T0.toString());

        GreetingApiStatus stalled = StatusUpdate.notReady(unavailable, 1, ApiRefs.NONE, "AccessDenied", "denied",
                StatusUpdate.Failure.STALLED, T3);
        assertThat(transition(stalled, "Stalled")).isEqualTo(T3.toString());
        assertThat(transition(stalled, "Ready")).isEqualTo(T1.toString());
        GreetingApiStatus stillStalled = StatusUpdate.notReady(stalled, 1, ApiRefs.NONE, "AccessDenied", "denied",
                StatusUpdate.Failure.STALLED, T3.plusSeconds(60));
        assertThat(StatusUpdate.same(stalled, stillStalled)).isTrue();
    }

    @Test
    void aNewGenerationAfterAStallIsReconcilingAgain() {
        GreetingApiStatus stalled = StatusUpdate.notReady(null, 1, ApiRefs.NONE, "InvalidSpec", "bad path",
                StatusUpdate.Failure.STALLED, T0);
        GreetingApiStatus again = StatusUpdate.reconciling(stalled, 2, "Applying generation 2", T1);
        assertThat(again.getObservedGeneration()).isEqualTo(2);
        assertCondition(again, "Reconciling", "True", "Reconciling");
        assertThat(Conditions.find(again.getConditions(), "Stalled")).isNull();
        assertThat(Conditions.find(again.getConditions(), "Ready").getObservedGeneration()).isEqualTo(2);
    }

    private static void assertCondition(GreetingApiStatus s, String type, String status, String reason) {
        Condition c = Conditions.find(s.getConditions(), type);
        assertThat(c).as(type).isNotNull();
        assertThat(c.getStatus()).as(type + " status").isEqualTo(status);
        assertThat(c.getReason()).as(type + " reason").isEqualTo(reason);
    }

    private static String transition(GreetingApiStatus s, String type) {
        return Conditions.find(s.getConditions(), type).getLastTransitionTime();
    }
}
