package dev.greeting.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;

/** The scheduler's arithmetic on a virtual clock: the real-protocol behaviour is in AwsAdapterIT. */
class CallSchedulerTest {
    private long now = 0;
    private final List<Long> callTimes = new ArrayList<>();

    private CallScheduler scheduler(QuotaPolicy policy, Duration maxWait) {
        return new CallScheduler(policy, maxWait, () -> now, nanos -> now += nanos);
    }

    private String record() {
        callTimes.add(now);
        return "ok";
    }

    @Test
    void createDeploymentIsSpacedFiveSecondsApart() {
        CallScheduler s = scheduler(QuotaPolicy.awsDefaults(), Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            s.call(AwsService.API_GATEWAY, "us-west-2", "CreateDeployment", this::record);
        }
        // 1 % headroom under AWS's 1 per 5 s.
        assertThat(callTimes).containsExactly(0L, 5_050_000_000L, 10_100_000_000L);
    }

    @Test
    void withoutBurstTheNextCallKeepsAnIntervalFromTheAnswerOfASlowOne() {
        CallScheduler s = scheduler(QuotaPolicy.awsDefaults(), Duration.ofMinutes(1));
        s.call(AwsService.API_GATEWAY, "us-west-2", "CreateRestApi", () -> {
            record();
            now += 2_000_000_000L; // a cold first request: AWS received it some time in these 2 s
            return "ok";
        });
        s.call(AwsService.API_GATEWAY, "us-west-2", "CreateRestApi", this::record);
        assertThat(callTimes).containsExactly(0L, 2_000_000_000L + 3_030_000_000L);
    }

    @Test
    void burstThenSustainedRateForTheAccountTotal() {
        CallScheduler s = scheduler(QuotaPolicy.awsDefaults(), Duration.ofMinutes(1));
        for (int i = 0; i < 42; i++) {
            s.call(AwsService.API_GATEWAY, "us-west-2", "GetStages", this::record);
        }
        // Burst 40 less the slot kept back for a call that reaches AWS late, then 10 per second less 1 %.
        assertThat(callTimes.subList(0, 39)).allMatch(t -> t == 0L);
        assertThat(callTimes.get(39)).isEqualTo(101_000_000L);
        assertThat(callTimes.get(40)).isEqualTo(202_000_000L);
    }

    @Test
    void regionsAndServicesHaveTheirOwnBuckets() {
        CallScheduler s = scheduler(QuotaPolicy.awsDefaults(), Duration.ofMinutes(1));
        s.call(AwsService.API_GATEWAY, "us-west-2", "CreateRestApi", this::record);
        s.call(AwsService.API_GATEWAY, "eu-west-1", "CreateRestApi", this::record);
        s.call(AwsService.LAMBDA, "us-west-2", "AddPermission", this::record);
        assertThat(callTimes).containsOnly(0L);
    }

    @Test
    void throttledCallWaitsRetryAfterAndSucceeds() {
        CallScheduler s = scheduler(QuotaPolicy.unlimited(), Duration.ofMinutes(1));
        AtomicInteger attempts = new AtomicInteger();
        String result = s.call(AwsService.API_GATEWAY, "us-west-2", "CreateRestApi", () -> {
            callTimes.add(now);
            if (attempts.incrementAndGet() < 3) {
                throw throttle("0.250");
            }
            return "created";
        });
        assertThat(result).isEqualTo("created");
        assertThat(callTimes).containsExactly(0L, 250_000_000L, 500_000_000L);
        assertThat(s.throttled("CreateRestApi")).isEqualTo(2);
    }

    @Test
    void aWaitBeyondTheBudgetIsAThrottledFailureCarryingTheWait() {
        CallScheduler s = scheduler(QuotaPolicy.awsDefaults(), Duration.ofSeconds(10));
        s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", this::record);
        assertThatThrownBy(() -> s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", this::record))
                .isInstanceOfSatisfying(AwsFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("Throttled");
                    assertThat(f.retry()).isEqualTo(AwsFailure.Retry.TRANSIENT);
                    assertThat(f.retryAfter()).isEqualTo(Duration.ofMillis(30_300));
                });
        assertThat(callTimes).hasSize(1);
    }

    @Test
    void aCallerSentAwayKeepsItsSlotAndTakesItWhenItComesBack() {
        CallScheduler s = scheduler(QuotaPolicy.awsDefaults(), Duration.ofSeconds(10));
        CallScheduler.onBehalfOf("a", () -> s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", this::record));
        // b and c are booked 30.3 s and 60.6 s out, and told to come back half a budget (5 s) before.
        assertThat(queuedWait(s, "b")).isEqualTo(Duration.ofMillis(25_300));
        assertThat(queuedWait(s, "c")).isEqualTo(Duration.ofMillis(55_600));
        assertThat(s.reservations()).isEqualTo(2);

        now = 25_300_000_000L;
        assertThat(queuedWait(s, "c")).as("too early: still c's own slot, not a new one")
                .isEqualTo(Duration.ofMillis(30_300));
        CallScheduler.onBehalfOf("b", () -> s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", this::record));
        now = 55_600_000_000L;
        CallScheduler.onBehalfOf("c", () -> s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", this::record));

        assertThat(callTimes).containsExactly(0L, 30_300_000_000L, 60_600_000_000L);
        assertThat(s.reservations()).isZero();
        assertThat(s.calls("DeleteRestApi")).isEqualTo(3);
    }

    @Test
    void aSlotNotClaimedInTimeIsLostAndTheCallerQueuesAgainAtTheEnd() {
        CallScheduler s = scheduler(QuotaPolicy.awsDefaults(), Duration.ofSeconds(10));
        CallScheduler.onBehalfOf("a", () -> s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", this::record));
        queuedWait(s, "gone"); // booked 30.3 s out, never comes back
        queuedWait(s, "late"); // booked 60.6 s out
        now = 200_000_000_000L; // long after both slots and their grace (budget + interval)
        CallScheduler.onBehalfOf("late", () -> s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", this::record));
        assertThat(callTimes).containsExactly(0L, 200_000_000_000L);
        assertThat(s.reservations()).as("the unclaimed slot is dropped when found stale only").isEqualTo(1);
    }

    @Test
    void aCallerThatNeverComesBackLeavesNoReservationOnceAnotherQueues() {
        CallScheduler s = scheduler(QuotaPolicy.awsDefaults(), Duration.ofSeconds(10));
        CallScheduler.onBehalfOf("a", () -> s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", this::record));
        queuedWait(s, "gone"); // a resource deleted meanwhile: never comes back
        now = 200_000_000_000L;
        CallScheduler.onBehalfOf("b", () -> s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", this::record));
        queuedWait(s, "c");
        assertThat(s.reservations()).as("only c's slot: gone's stale one was dropped").isEqualTo(1);
    }

    private static Duration queuedWait(CallScheduler s, String caller) {
        try {
            CallScheduler.onBehalfOf(caller, () -> s.call(AwsService.API_GATEWAY, "us-west-2", "DeleteRestApi", () -> "sent"));
        } catch (AwsFailure f) {
            assertThat(f.queued()).isTrue();
            assertThat(f.reason()).isEqualTo("Throttled");
            return f.retryAfter();
        }
        throw new AssertionError(caller + " was not queued");
    }

    @Test
    void aCreateAnswered5xxIsNotResentInPlaceButAReadIs() {
        // The 5xx does not say whether AWS made the REST API: a resend could make a second one.
        CallScheduler s = scheduler(QuotaPolicy.unlimited(), Duration.ofMinutes(1));
        assertThatThrownBy(() -> s.call(AwsService.API_GATEWAY, "us-west-2", "CreateRestApi", () -> {
            callTimes.add(now);
            throw serverError();
        })).isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.reason()).isEqualTo(ErrorClassifier.UNAVAILABLE));
        assertThat(s.calls("CreateRestApi")).isEqualTo(1);

        AtomicInteger attempts = new AtomicInteger();
        String stages = s.call(AwsService.API_GATEWAY, "us-west-2", "GetStages", () -> {
            if (attempts.incrementAndGet() < 2) {
                throw serverError();
            }
            return "stages";
        });
        assertThat(stages).isEqualTo("stages");
        assertThat(s.calls("GetStages")).isEqualTo(2);
    }

    private static ApiGatewayException serverError() {
        return (ApiGatewayException) ApiGatewayException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").errorMessage("Internal error").build())
                .build();
    }

    @Test
    void invalidRequestIsNotRetried() {
        CallScheduler s = scheduler(QuotaPolicy.unlimited(), Duration.ofMinutes(1));
        assertThatThrownBy(() -> s.call(AwsService.API_GATEWAY, "us-west-2", "PutIntegration", () -> {
            callTimes.add(now);
            throw (BadRequestException) BadRequestException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("BadRequestException").errorMessage("Invalid ARN").build())
                    .build();
        })).isInstanceOfSatisfying(AwsFailure.class, f -> {
            assertThat(f.reason()).isEqualTo("InvalidRequest");
            assertThat(f.retry()).isEqualTo(AwsFailure.Retry.NEVER);
            assertThat(f.getMessage()).contains("PutIntegration", "Invalid ARN");
        });
        assertThat(callTimes).hasSize(1);
    }

    @Test
    void overridesChangeOneQuota() {
        QuotaPolicy p = QuotaPolicy.awsDefaults().withOverride("CreateDeployment=2/1").withOverride("ApiGatewayTotal=100/100");
        CallScheduler s = scheduler(p, Duration.ofMinutes(1));
        s.call(AwsService.API_GATEWAY, "r", "CreateDeployment", this::record);
        s.call(AwsService.API_GATEWAY, "r", "CreateDeployment", this::record);
        assertThat(callTimes).containsExactly(0L, 505_000_000L);
        assertThatThrownBy(() -> QuotaPolicy.awsDefaults().withOverride("CreateDeployment")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterIsReadAsFractionalSeconds() {
        assertThat(ErrorClassifier.parseRetryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ErrorClassifier.parseRetryAfter("0.030")).isEqualTo(Duration.ofMillis(30));
        assertThat(ErrorClassifier.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
    }

    private static ApiGatewayException throttle(String retryAfter) {
        return (ApiGatewayException) software.amazon.awssdk.services.apigateway.model.TooManyRequestsException.builder()
                .statusCode(429)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException").errorMessage("Too Many Requests")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(429).putHeader("Retry-After", retryAfter).build())
                        .build())
                .build();
    }
}
