package dev.greeting.emulator.control;

import static dev.greeting.emulator.lambda.LambdaTestSupport.client;
import static dev.greeting.emulator.lambda.LambdaTestSupport.nodeFunction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.EmulatorOptions;
import dev.greeting.emulator.http.Service;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Quotas enforced on real SDK calls: 429 TooManyRequestsException with Retry-After, counted, handler not run. */
class QuotaEnforcementTest {
    private Emulator emulator;
    private LambdaClient lambda;

    private void start(double timeScale) {
        emulator = Emulator.start(EmulatorOptions.defaults().withQuotas("aws", timeScale));
        lambda = client(emulator, Region.US_WEST_2);
    }

    @AfterEach
    void stop() {
        lambda.close();
        emulator.close();
    }

    private static AddPermissionRequest permission(String sid) {
        return AddPermissionRequest.builder().functionName("HelloWorld").statementId(sid).action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").build();
    }

    @Test
    void aCallOverATightenedRuleIsThrottledBeforeItsHandlerRuns() {
        start(100);
        lambda.createFunction(nodeFunction("HelloWorld").build());
        // one AddPermission per hour of emulated time: 36 s at 100x, far longer than this test runs
        emulator.quotas().setRules(Service.LAMBDA,
                List.of(new QuotaRule("OneAddPermissionPerHour", Set.of("AddPermission"), 1d / 3600, 1)));

        lambda.addPermission(permission("first"));
        assertThatThrownBy(() -> lambda.addPermission(permission("second")))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                    assertThat(Double.parseDouble(e.retryAfterSeconds())).isGreaterThan(0).isLessThanOrEqualTo(36);
                });

        assertThat(emulator.counters().calls("AddPermission")).isEqualTo(2);
        assertThat(emulator.counters().throttled("AddPermission")).isEqualTo(1);
        assertThat(emulator.lambda().findFunction("us-west-2", "HelloWorld").orElseThrow().policy().statements())
                .hasSize(1);
        lambda.getPolicy(r -> r.functionName("HelloWorld"));
        assertThat(emulator.counters().throttled("GetPolicy")).isZero();
    }

    @Test
    void aThrottledCreateFunctionCreatesNothing() {
        start(1);
        emulator.quotas().setRules(Service.LAMBDA,
                List.of(new QuotaRule("OneCreateFunctionPerMinute", Set.of("CreateFunction"), 1d / 60, 1)));

        lambda.createFunction(nodeFunction("First").build());
        assertThatThrownBy(() -> lambda.createFunction(nodeFunction("Second").build()))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).as("whole seconds at real speed").matches("[1-9]\\d*"));

        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("Second")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void lambdasControlPlaneAdmitsABurstOfFifteen() {
        // a time scale of 0.01 slows refills to 0.15 per real second: the burst alone decides this test
        start(0.01);
        lambda.createFunction(nodeFunction("HelloWorld").build());
        emulator.quotas().configure("aws", 0.01); // fresh buckets, full burst

        int admitted = 0;
        TooManyRequestsException throttled = null;
        while (throttled == null && admitted < 100) {
            try {
                lambda.getFunction(r -> r.functionName("HelloWorld"));
                admitted++;
            } catch (TooManyRequestsException e) {
                throttled = e;
            }
        }

        assertThat(admitted).isEqualTo(15);
        assertThat(throttled).isNotNull();
        assertThat(Integer.parseInt(throttled.retryAfterSeconds())).as("1/15 s at 0.01x, whole seconds").isBetween(1, 7);
        assertThat(emulator.counters().throttled("GetFunction")).isEqualTo(1);
        assertThat(emulator.counters().calls("GetFunction")).isEqualTo(16);
    }

    /** Runs once API Gateway's routes are served (they are written in parallel with this test). */
    @Test
    void createRestApiIsOneEveryThreeSecondsOverHttp() {
        start(1);
        assumeTrue(emulator.router().operations().contains("CreateRestApi"), "API Gateway routes not served yet");
        try (ApiGatewayClient apigw = ApiGatewayClient.builder()
                .endpointOverride(emulator.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            apigw.createRestApi(r -> r.name("first"));
            assertThatThrownBy(() -> apigw.createRestApi(r -> r.name("second")))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.apigateway.model.TooManyRequestsException.class,
                            e -> {
                                assertThat(e.statusCode()).isEqualTo(429);
                                assertThat(e.retryAfterSeconds()).isEqualTo("3");
                            });
            assertThat(emulator.counters().throttled("CreateRestApi")).isEqualTo(1);
        }
    }
}
