package dev.greeting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.model.ServingCheckRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a serving check is due, what TestInvokeMethod's answer means, and the retry delays. */
class ServingCheckTest {
    private static final ServingCheck CHECK = ServingCheck.DEFAULTS;
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final String STAMP = "Thu Dec 03 10:00:00 UTC 2026 : ";

    @Test
    void dueForANewDeploymentOrARepairNeverForAResyncOfAPassedOne() {
        ServingCheckRecord passed = new ServingCheckRecord(T0.toString(), 200, 12L, "d1", true, 0);
        assertThat(CHECK.needed(null, "d1", false, T0)).as("first deployment").isTrue();
        assertThat(CHECK.needed(passed, "d2", false, T0)).as("new deployment").isTrue();
        assertThat(CHECK.needed(passed, "d1", true, T0)).as("repair").isTrue();
        assertThat(CHECK.needed(passed, "d1", false, T0.plus(Duration.ofDays(30)))).as("resync").isFalse();
        assertThat(CHECK.needed(null, null, true, T0)).as("nothing deployed").isFalse();
    }

    @Test
    void aStaleStatusWithoutTheLastCheckDoesNotMakeTheCheckDueAgain() {
        ServingCheckRecord remembered = new ServingCheckRecord(T0.toString(), 200, 12L, "d1", true, 0);
        ServingCheckRecord older = new ServingCheckRecord(T0.minusSeconds(60).toString(), 502, 12L, "d0", false, 1);
        assertThat(ServingCheck.newer(null, remembered)).isSameAs(remembered);
        assertThat(ServingCheck.newer(older, remembered)).isSameAs(remembered);
        assertThat(ServingCheck.newer(remembered, older)).isSameAs(remembered);
        assertThat(CHECK.needed(ServingCheck.newer(null, remembered), "d1", false, T0.plusSeconds(1))).isFalse();
    }

    @Test
    void aFailedCheckIsRetriedAfterOneMinuteDoublingToThirty() {
        ServingCheckRecord failedOnce = new ServingCheckRecord(T0.toString(), 200, 12L, "d1", false, 1);
        assertThat(CHECK.needed(failedOnce, "d1", false, T0.plusSeconds(59))).isFalse();
        assertThat(CHECK.needed(failedOnce, "d1", false, T0.plusSeconds(60))).isTrue();
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 30).stream().map(CHECK::retryDelay).toList()).containsExactly(
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(16), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30));
        ServingCheckRecord failedThrice = new ServingCheckRecord(T0.toString(), 500, 3L, "d1", false, 3);
        assertThat(CHECK.nextRetry(failedThrice)).isEqualTo(T0.plus(Duration.ofMinutes(4)));
    }

    @Test
    void failuresCountPerDeploymentAndResetOnAPass() {
        var fail = new ServingCheck.Verdict(false, ServingCheck.REASON_FUNCTION_ERROR, "x");
        var pass = new ServingCheck.Verdict(true, ServingCheck.REASON_SERVING, "ok");
        var answer = new ServingCheck.Answer(200, "{}", "", 7);
        ServingCheckRecord first = ServingCheck.record(null, answer, fail, "d1", T0);
        ServingCheckRecord second = ServingCheck.record(first, answer, fail, "d1", T0.plusSeconds(60));
        assertThat(first.getConsecutiveFailures()).isEqualTo(1);
        assertThat(second.getConsecutiveFailures()).isEqualTo(2);
        assertThat(ServingCheck.record(second, answer, fail, "d2", T0).getConsecutiveFailures()).as("new deployment").isEqualTo(1);
        ServingCheckRecord ok = ServingCheck.record(second, answer, pass, "d1", T0.plusSeconds(200));
        assertThat(ok.getPassed()).isTrue();
        assertThat(ok.getConsecutiveFailures()).isZero();
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(ok.getLatencyMs()).isEqualTo(7);
        assertThat(ok.getDeploymentId()).isEqualTo("d1");
        assertThat(ok.getTime()).isEqualTo("2026-12-03T10:03:20Z");
    }

    @Test
    void aGreetingIsServing() {
        var verdict = ServingCheck.judge(new ServingCheck.Answer(200, "\"Hello, greeting-operator!\"",
                STAMP + "Method completed with status: 200\n", 42));
        assertThat(verdict.serving()).isTrue();
        assertThat(verdict.message()).isEqualTo("GET answered 200 in 42 ms");
    }

    @Test
    void aFunctionErrorAnsweredAs200IsAFunctionError() {
        String log = STAMP + "Lambda execution failed with status 200 due to customer function error: database unreachable."
                + " Lambda request id: 4f1c2a\n" + STAMP + "Method completed with status: 200\n";
        var verdict = ServingCheck.judge(new ServingCheck.Answer(200,
                "{\"errorType\":\"Error\",\"errorMessage\":\"database unreachable\"}", log, 9));
        assertThat(verdict.serving()).isFalse();
        assertThat(verdict.reason()).isEqualTo("FunctionError");
        assertThat(verdict.message()).isEqualTo("GET answered 200 in 9 ms: the function failed: database unreachable");
    }

    @Test
    void aMissingPermissionIsNotServing() {
        String log = STAMP + "Execution failed due to configuration error: Invalid permissions on Lambda function\n"
                + STAMP + "Method completed with status: 500\n";
        var verdict = ServingCheck.judge(new ServingCheck.Answer(500, "{\"message\": \"Internal server error\"}", log, 3));
        assertThat(verdict.reason()).isEqualTo("NotServing");
        assertThat(verdict.message()).isEqualTo("GET answered 500 in 3 ms: Invalid permissions on Lambda function");
    }

    @Test
    void anyOtherNon2xxIsNotServingWithTheBody() {
        var verdict = ServingCheck.judge(new ServingCheck.Answer(400, "{\"message\": \"Missing required request parameters\"}",
                STAMP + "Method completed with status: 400\n", 1));
        assertThat(verdict.reason()).isEqualTo("NotServing");
        assertThat(verdict.message()).contains("400").contains("Missing required request parameters");
    }

    @Test
    void onlyTagsAndNameChangesAreNoRepairOfTheMethod() {
        assertThat(ServingCheck.affectsServing(new Plan(List.of(new AwsAction.TagRestApi(Map.of("a", "b")),
                new AwsAction.UpdateRestApiName("n"))))).isFalse();
        assertThat(ServingCheck.affectsServing(new Plan(List.of()))).isFalse();
        assertThat(ServingCheck.affectsServing(new Plan(List.of(new AwsAction.PutMethodResponse("/greeting", "200"))))).isTrue();
    }
}
