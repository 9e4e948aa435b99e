package dev.greeting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.model.GreetingApiStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusUpdateTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2025-01-01T00:05:00Z");
    static final ApiRefs REFS = new ApiRefs("api1", "res1", "dep1", "https://api1.execute-api.us-west-2.amazonaws.com/test/greeting",
            "us-west-2");

    @Test
    void firstReadyStatus() {
        GreetingApiStatus s = StatusUpdate.ready(null, 3, REFS, "serving", T0);
        assertThat(s.getObservedGeneration()).isEqualTo(3);
        assertThat(StatusUpdate.refsOf(s)).isEqualTo(REFS);
        Condition ready = Conditions.find(s.getConditions(), "Ready");
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getReason()).isEqualTo("Deployed");
        assertThat(ready.getObservedGeneration()).isEqualTo(3);
        assertThat(ready.getLastTransitionTime()).isEqualTo("2025-01-01T00:00:00Z");
    }

    @Test
    void sameOutcomeLaterIsTheSameStatus() {
        GreetingApiStatus first = StatusUpdate.ready(null, 3, REFS, "serving", T0);
        GreetingApiStatus again = StatusUpdate.ready(first, 3, REFS, "serving", T1);
        assertThat(StatusUpdate.same(first, again)).isTrue();
    }

    @Test
    void transitionTimeMovesOnlyOnATransition() {
        GreetingApiStatus ready = StatusUpdate.ready(null, 1, REFS, "serving", T0);
        GreetingApiStatus failedOnce = StatusUpdate.notReady(ready, 2, ApiRefs.NONE, "AccessDenied", "denied",
                StatusUpdate.Failure.STALLED, T1);
        GreetingApiStatus failedAgain = StatusUpdate.notReady(failedOnce, 2, ApiRefs.NONE, "Throttled", "slow",
                StatusUpdate.Failure.TRANSIENT, T1.plusSeconds(60));
        GreetingApiStatus readyAgain = StatusUpdate.ready(failedAgain, 2, REFS, "serving", T1.plusSeconds(120));
        assertThat(transition(failedOnce)).isEqualTo("2025-01-01T00:05:00Z");
        assertThat(transition(failedAgain)).isEqualTo("2025-01-01T00:05:00Z");
        assertThat(Conditions.find(failedAgain.getConditions(), "Ready").getReason()).isEqualTo("Throttled");
        assertThat(transition(readyAgain)).isEqualTo("2025-01-01T00:07:00Z");
        assertThat(StatusUpdate.same(failedOnce, failedAgain)).isFalse();
    }

    @Test
    void failureKeepsTheKnownIds() {
        GreetingApiStatus ready = StatusUpdate.ready(null, 1, REFS, "serving", T0);
        GreetingApiStatus failed = StatusUpdate.notReady(ready, 2, ApiRefs.NONE, "InvalidRequest", "bad",
                StatusUpdate.Failure.STALLED, T1);
        assertThat(StatusUpdate.refsOf(failed)).isEqualTo(REFS);
        GreetingApiStatus partly = StatusUpdate.notReady(null, 1, ApiRefs.api("api9", "us-west-2"), "Throttled", "x",
                StatusUpdate.Failure.TRANSIENT, T0);
        assertThat(partly.getRestApiId()).isEqualTo("api9");
    }

    @Test
    void aNewApiDropsTheOldApisIds() {
        ApiRefs newApi = ApiRefs.api("api2", "us-west-2");
        assertThat(newApi.orElse(REFS)).isEqualTo(newApi);
    }

    @Test
    void otherConditionsAreKeptInPlace() {
        GreetingApiStatus previous = new GreetingApiStatus();
        Condition other = new ConditionBuilder().withType("Custom").withStatus("True").build();
        previous.setConditions(List.of(other));
        GreetingApiStatus s = StatusUpdate.ready(previous, 1, REFS, "serving", T0);
        assertThat(s.getConditions()).extracting(Condition::getType).containsExactly("Custom", "Ready");
        assertThat(s.getConditions().get(0)).isEqualTo(other);
    }

    private static String transition(GreetingApiStatus s) {
        return Conditions.find(s.getConditions(), "Ready").getLastTransitionTime();
    }
}
