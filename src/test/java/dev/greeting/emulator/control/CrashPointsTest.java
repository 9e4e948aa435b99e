package dev.greeting.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.greeting.emulator.Emulator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ServiceUnavailableException;

/** /_emulator/crash: the write log, and a caller held right after its k-th write. */
class CrashPointsTest {
    private Emulator emulator;
    private AdminClient admin;
    private ApiGatewayClient apigw;

    @BeforeEach
    void start() {
        emulator = Emulator.start();
        admin = new AdminClient(emulator);
        apigw = ApiGatewayClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void stop() {
        apigw.close();
        emulator.close();
    }

    @Test
    void logsWritesOnlyInOrder() {
        admin.put("/_emulator/crash", "{\"afterWrite\":0}");
        String api = apigw.createRestApi(b -> b.name("a")).id();
        apigw.getRestApis(b -> { });
        apigw.deleteRestApi(b -> b.restApiId(api));

        assertThat(emulator.crashes().writes()).containsExactly("CreateRestApi", "DeleteRestApi");
        assertThat(admin.get("/_emulator/crash").body()).contains("\"writes\":[\"CreateRestApi\",\"DeleteRestApi\"]");
    }

    @Test
    void holdsTheKthWriteDoneAndRefusesWhatFollowsUnexecuted() throws Exception {
        admin.put("/_emulator/crash", "{\"afterWrite\":2}");
        apigw.createRestApi(b -> b.name("first"));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> apigw.createRestApi(b -> b.name("second")).id());
        assertThat(emulator.crashes().awaitTripped(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> apigw.createRestApi(b -> b.name("third")));

        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.crashes().heldCalls() == 1);
        assertThat(second).isNotDone();
        admin.delete("/_emulator/crash");

        assertThat(second.get(5, TimeUnit.SECONDS)).isNotBlank();
        assertThatThrownBy(() -> third.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ServiceUnavailableException.class);
        assertThat(apigw.getRestApis(b -> { }).items()).extracting(a -> a.name()).containsExactlyInAnyOrder("first", "second");
    }
}
