package dev.greeting.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Service;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** AWS's management-API quotas on an injected clock: nothing here waits for real time. */
class QuotasTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Quotas quotas = new Quotas(nanos::get);

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private boolean admitted(Service service, String operation) {
        try {
            quotas.acquire(service, operation);
            return true;
        } catch (AwsException e) {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.errorType()).isEqualTo("TooManyRequestsException");
            return false;
        }
    }

    private AwsException throttle(Service service, String operation) {
        try {
            quotas.acquire(service, operation);
        } catch (AwsException e) {
            return e;
        }
        throw new AssertionError(operation + " was admitted");
    }

    @Test
    void offByDefaultAndWithProfileNone() {
        for (int i = 0; i < 100; i++) {
            assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
        }
        quotas.configure("aws", 1);
        quotas.configure("none", 1);
        assertThat(quotas.enabled()).isFalse();
        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
    }

    @Test
    void createRestApiIsOneRequestEveryThreeSeconds() {
        quotas.configure("aws", 1);

        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
        AwsException throttled = throttle(Service.APIGATEWAY, "CreateRestApi");
        assertThat(throttled.getMessage()).isEqualTo("Too Many Requests");
        assertThat(throttled.headers()).containsEntry("Retry-After", "3");
        // ImportRestApi shares CreateRestApi's quota
        assertThat(admitted(Service.APIGATEWAY, "ImportRestApi")).isFalse();

        advanceMillis(2_900);
        assertThat(throttle(Service.APIGATEWAY, "CreateRestApi").headers())
                .as("whole seconds at real speed").containsEntry("Retry-After", "1");
        advanceMillis(100);
        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isFalse();
    }

    @Test
    void eachOperationsPublishedQuota() {
        quotas.configure("aws", 1);

        assertThat(admitted(Service.APIGATEWAY, "CreateDeployment")).isTrue();
        advanceMillis(4_999);
        assertThat(admitted(Service.APIGATEWAY, "CreateDeployment")).isFalse();
        advanceMillis(1);
        assertThat(admitted(Service.APIGATEWAY, "CreateDeployment")).isTrue();

        assertThat(admitted(Service.APIGATEWAY, "DeleteRestApi")).isTrue();
        advanceMillis(29_000);
        assertThat(admitted(Service.APIGATEWAY, "DeleteRestApi")).isFalse();
        advanceMillis(1_000);
        assertThat(admitted(Service.APIGATEWAY, "DeleteRestApi")).isTrue();
    }

    @Test
    void createAndDeleteResourceShareFivePerSecond() {
        quotas.configure("aws", 1);

        for (int i = 0; i < 5; i++) {
            assertThat(admitted(Service.APIGATEWAY, i % 2 == 0 ? "CreateResource" : "DeleteResource")).isTrue();
        }
        assertThat(admitted(Service.APIGATEWAY, "DeleteResource")).isFalse();
        assertThat(admitted(Service.APIGATEWAY, "CreateResource")).isFalse();
        advanceMillis(200);
        assertThat(admitted(Service.APIGATEWAY, "CreateResource")).isTrue();
        assertThat(admitted(Service.APIGATEWAY, "CreateResource")).isFalse();
    }

    @Test
    void getResourcesIsFiveEveryTwoSeconds() {
        quotas.configure("aws", 1);

        for (int i = 0; i < 5; i++) {
            assertThat(admitted(Service.APIGATEWAY, "GetResources")).isTrue();
        }
        assertThat(admitted(Service.APIGATEWAY, "GetResources")).isFalse();
        advanceMillis(400);
        assertThat(admitted(Service.APIGATEWAY, "GetResources")).isTrue();
        assertThat(admitted(Service.APIGATEWAY, "GetResources")).isFalse();
    }

    @Test
    void allManagementCallsTogetherBurstFortyThenTenPerSecond() {
        quotas.configure("aws", 1);

        for (int i = 0; i < 40; i++) {
            assertThat(admitted(Service.APIGATEWAY, "GetRestApi")).as("call %d", i + 1).isTrue();
        }
        assertThat(admitted(Service.APIGATEWAY, "GetStage")).isFalse();

        advanceMillis(100);
        assertThat(admitted(Service.APIGATEWAY, "GetStage")).isTrue();
        assertThat(admitted(Service.APIGATEWAY, "GetStage")).isFalse();

        advanceMillis(1_000);
        int admitted = 0;
        while (admitted(Service.APIGATEWAY, "GetMethod")) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(10);
    }

    @Test
    void aThrottledCallTakesNoTokenFromTheOtherBuckets() {
        quotas.configure("aws", 1);
        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isFalse();
        }

        int admitted = 0;
        while (admitted(Service.APIGATEWAY, "GetRestApis")) {
            admitted++;
        }
        assertThat(admitted).as("39 tokens left of the total burst").isEqualTo(39);
    }

    @Test
    void servicesAndRegionsHaveTheirOwnBuckets() {
        quotas.configure("aws", 1);
        for (int i = 0; i < 40; i++) {
            quotas.acquire(Service.APIGATEWAY, "us-west-2", "GetRestApi");
        }
        assertThatThrownBy(() -> quotas.acquire(Service.APIGATEWAY, "us-west-2", "GetRestApi"))
                .isInstanceOf(AwsException.class);

        quotas.acquire(Service.APIGATEWAY, "us-east-1", "GetRestApi");
        quotas.acquire(Service.LAMBDA, "us-west-2", "GetFunction");
    }

    @Test
    void lambdasControlPlaneSharesFifteenPerSecondButNotInvoke() {
        quotas.configure("aws", 1);

        for (int i = 0; i < 15; i++) {
            assertThat(admitted(Service.LAMBDA, i % 2 == 0 ? "AddPermission" : "GetPolicy")).isTrue();
        }
        AwsException throttled = throttle(Service.LAMBDA, "RemovePermission");
        assertThat(throttled.getMessage()).isEqualTo("Rate exceeded");
        for (int i = 0; i < 100; i++) {
            assertThat(admitted(Service.LAMBDA, "Invoke")).isTrue();
        }
    }

    @Test
    void theTimeScaleSpeedsQuotaTimeUp() {
        quotas.configure("aws", 100);

        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
        AwsException throttled = throttle(Service.APIGATEWAY, "CreateRestApi");
        assertThat(throttled.headers()).as("3 s at 100x is 30 ms").containsEntry("Retry-After", "0.030");
        advanceMillis(29);
        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isFalse();
        advanceMillis(1);
        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
    }

    @Test
    void reconfiguringRefillsTheBuckets() {
        quotas.configure("aws", 1);
        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isFalse();

        quotas.configure("aws", 1);

        assertThat(admitted(Service.APIGATEWAY, "CreateRestApi")).isTrue();
    }

    @Test
    void rulesCanBeReplacedPerService() {
        quotas.configure("aws", 1);
        quotas.setRules(Service.LAMBDA, List.of(new QuotaRule("OneAddPermission", Set.of("AddPermission"), 1d / 60, 1)));

        assertThat(admitted(Service.LAMBDA, "AddPermission")).isTrue();
        assertThat(throttle(Service.LAMBDA, "AddPermission").headers()).containsEntry("Retry-After", "60");
        assertThat(admitted(Service.LAMBDA, "GetPolicy")).isTrue();
        assertThat(quotas.rules(Service.LAMBDA)).extracting(QuotaRule::name).containsExactly("OneAddPermission");
    }

    @Test
    void rejectsUnknownProfilesAndNonPositiveScales() {
        assertThatThrownBy(() -> quotas.configure("strict", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> quotas.configure("aws", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(quotas.enabled()).isFalse();
        assertThat(quotas.timeScale()).isEqualTo(1);
    }
}
