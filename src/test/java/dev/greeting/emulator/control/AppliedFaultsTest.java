package dev.greeting.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.emulator.Emulator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;

/**
 * Faults that let a call take effect and lose its answer, seen through the SDK: the client is told
 * CreateRestApi failed (5xx, or no answer at all, as on a timeout), yet the API exists; refusals
 * leave nothing behind.
 */
class AppliedFaultsTest {
    private Emulator emulator;
    private ApiGatewayClient apigw;

    @BeforeEach
    void start() {
        emulator = Emulator.start();
        apigw = ApiGatewayClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void stop() {
        apigw.close();
        emulator.close();
    }

    private void faults(double refused, double appliedError, double appliedDrop) {
        emulator.faults().configure(new FaultConfig(refused, 0, 0, 1, Set.of("CreateRestApi"), appliedError, appliedDrop, 1));
    }

    @Test
    void anAppliedServerErrorAnswers503ButTheApiExists() {
        faults(0, 1, 0);
        assertThatThrownBy(() -> apigw.createRestApi(b -> b.name("lost").tags(Map.of("uid", "u-1"))))
                .isInstanceOfSatisfying(ApiGatewayException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        emulator.faults().configure(FaultConfig.NONE);

        assertThat(apigw.getRestApis().items()).singleElement()
                .satisfies(api -> assertThat(api.tags()).containsEntry("uid", "u-1"));
        assertThat(emulator.counters().faultKindSnapshot()).containsEntry("applied+5xx", 1L);
    }

    @Test
    void aDroppedAnswerLooksLikeATimeoutButTheApiExists() {
        faults(0, 0, 1);
        assertThatThrownBy(() -> apigw.createRestApi(b -> b.name("lost"))).isInstanceOf(SdkClientException.class);
        emulator.faults().configure(FaultConfig.NONE);

        assertThat(apigw.getRestApis().items()).hasSize(1);
        assertThat(emulator.counters().faulted("CreateRestApi")).isEqualTo(1);
        assertThat(emulator.counters().faultKindSnapshot()).containsEntry("applied+dropped", 1L);
    }

    @Test
    void aRefusalAppliesNothing() {
        faults(1, 0, 0);
        assertThatThrownBy(() -> apigw.createRestApi(b -> b.name("refused")))
                .isInstanceOfSatisfying(ApiGatewayException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        emulator.faults().configure(FaultConfig.NONE);

        assertThat(apigw.getRestApis().items()).isEmpty();
        assertThat(emulator.counters().faultKindSnapshot()).containsEntry("5xx", 1L);
    }

    @Test
    void latencyAtARateDelaysOnlySomeCallsAndTheOutcomeSequenceStaysTheSame() {
        Faults withLatency = new Faults();
        Faults without = new Faults();
        withLatency.configure(new FaultConfig(0.2, 0.2, 5, 3, Set.of(), 0.1, 0.1, 0.5));
        without.configure(new FaultConfig(0.2, 0.2, 0, 3, Set.of(), 0.1, 0.1, 0));
        int delayed = 0;
        for (int i = 0; i < 200; i++) {
            delayed += withLatency.latencyMillis("GetRestApi") > 0 ? 1 : 0;
            assertThat(withLatency.drawOutcome(dev.greeting.emulator.http.Service.APIGATEWAY, "GetRestApi", 0)
                    .map(InjectedFault::kind))
                    .isEqualTo(without.drawOutcome(dev.greeting.emulator.http.Service.APIGATEWAY, "GetRestApi", 0)
                            .map(InjectedFault::kind));
        }
        assertThat(delayed).isBetween(60, 140);
    }

    @Test
    void ratesMustAddUpToAtMostOne() {
        assertThatThrownBy(() -> new FaultConfig(0.3, 0.3, 0, 1, Set.of(), 0.3, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultConfig(0, 0, 0, 1, Set.of(), 0, 0, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
