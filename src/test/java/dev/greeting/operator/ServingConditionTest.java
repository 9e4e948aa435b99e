package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.emulator.EmulatorOptions;
import dev.greeting.model.GreetingApi;
import dev.greeting.model.ServingCheckRecord;
import dev.greeting.reconcile.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * After a deployment the operator calls the GET method once through TestInvokeMethod (the emulator
 * runs the real integration: permission, template, the function) and is Ready only if it serves.
 */
class ServingConditionTest {
    static final String FAILING_JS = """
            exports.handler = async () => { throw new Error('database unreachable'); };
            """;

    @Test
    void aServingApiIsCheckedOnceAndNotAgainByResyncs() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("serving", function, s -> { }));
            GreetingApi ready = h.awaitReady("serving");

            Condition serving = Conditions.find(ready.getStatus().getConditions(), "Serving");
            assertThat(serving.getStatus()).isEqualTo("True");
            assertThat(serving.getReason()).isEqualTo("Serving");
            assertThat(serving.getMessage()).matches("GET answered 200 in \\d+ ms");
            ServingCheckRecord last = ready.getStatus().getLastServingCheck();
            assertThat(last.getDeploymentId()).isEqualTo(ready.getStatus().getDeploymentId());
            assertThat(last.getStatusCode()).isEqualTo(200);
            assertThat(last.getLatencyMs()).isNotNegative();
            assertThat(last.getPassed()).isTrue();
            assertThat(last.getTime()).isNotBlank();
            assertThat(h.calls("TestInvokeMethod")).isEqualTo(1);

            long resyncs = h.calls("GetResources");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("GetResources") >= resyncs + 3);
            assertThat(h.calls("TestInvokeMethod")).as("no check per resync").isEqualTo(1);
            assertThat(h.get("serving").getMetadata().getResourceVersion()).isEqualTo(ready.getMetadata().getResourceVersion());
        }
    }

    @Test
    void aFailingFunctionIsNotReadyUntilItIsFixedThenReadyAfterTheRetry() {
        // Retries 200 ms, 400 ms, ... up to 1 s apart: the fix is seen without a sleep.
        try (OperatorHarness h = OperatorHarness.start(EmulatorOptions.defaults(),
                s -> s.withServingCheck(new dev.greeting.reconcile.ServingCheck(Duration.ofMillis(200), Duration.ofSeconds(1))))) {
            String function = createFunction(h, "Flaky", FAILING_JS);
            h.create(greetingApi("flaky", function, s -> { }));

            h.awaitNotReady("flaky", "FunctionError");
            GreetingApi failing = h.get("flaky"); // each retry writes its latency: read both conditions from one copy
            Condition ready = Conditions.find(failing.getStatus().getConditions(), Conditions.READY);
            assertThat(ready.getReason()).isEqualTo("FunctionError");
            assertThat(ready.getMessage()).contains("the function failed: database unreachable");
            Condition serving = Conditions.find(failing.getStatus().getConditions(), "Serving");
            assertThat(serving.getStatus()).isEqualTo("False");
            assertThat(serving.getReason()).isEqualTo("FunctionError");
            assertThat(serving.getMessage()).isEqualTo(ready.getMessage());
            assertThat(Conditions.isTrue(failing.getStatus().getConditions(), Conditions.STALLED)).isTrue();
            assertThat(failing.getStatus().getLastServingCheck().getPassed()).isFalse();
            assertThat(failing.getStatus().getLastServingCheck().getDeploymentId()).isEqualTo(failing.getStatus().getDeploymentId());
            assertThat(h.eventReasons("flaky")).contains("FunctionError");
            // The retries follow: each waits longer, none redeploys.
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("TestInvokeMethod") >= 3);
            assertThat(h.get("flaky").getStatus().getLastServingCheck().getConsecutiveFailures()).isGreaterThanOrEqualTo(2);
            assertThat(h.calls("CreateDeployment")).isEqualTo(1);

            h.lambda.updateFunctionCode(b -> b.functionName("Flaky")
                    .zipFile(SdkBytes.fromByteArray(OperatorHarness.zip("index.js", OperatorHarness.HELLO_JS))));

            GreetingApi fixed = h.awaitReady("flaky");
            Condition servingNow = Conditions.find(fixed.getStatus().getConditions(), "Serving");
            assertThat(servingNow.getStatus()).isEqualTo("True");
            assertThat(servingNow.getMessage()).startsWith("GET answered 200");
            assertThat(fixed.getStatus().getLastServingCheck().getConsecutiveFailures()).isZero();
            assertThat(Conditions.find(fixed.getStatus().getConditions(), Conditions.STALLED)).isNull();
            assertThat(h.calls("CreateDeployment")).as("the fix needs no redeploy").isEqualTo(1);
            long checks = h.calls("TestInvokeMethod");
            long resyncs = h.calls("GetResources");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("GetResources") >= resyncs + 3);
            assertThat(h.calls("TestInvokeMethod")).as("no check once serving").isEqualTo(checks);
        }
    }

    @Test
    void aRemovedPermissionIsRepairedAndTheRepairCheckedOnce() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("repaired", function, s -> { }));
            GreetingApi ready = h.awaitReady("repaired");
            h.emulator.counters().reset();

            h.lambda.removePermission(b -> b.functionName(function).statementId("greeting-operator-" + ready.getMetadata().getUid()));

            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("AddPermission") == 1 && h.calls("TestInvokeMethod") == 1);
            GreetingApi after = h.awaitReady("repaired");
            assertThat(Conditions.isTrue(after.getStatus().getConditions(), "Serving")).isTrue();
            long resyncs = h.calls("GetResources");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("GetResources") >= resyncs + 2);
            assertThat(h.calls("TestInvokeMethod")).isEqualTo(1);
        }
    }

    @Test
    void servingCheckFalseIsReadyWithoutACheck() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = createFunction(h, "Broken", FAILING_JS);
            h.create(greetingApi("unchecked", function, s -> s.setServingCheck(false)));
            GreetingApi ready = h.awaitReady("unchecked");

            assertThat(Conditions.find(ready.getStatus().getConditions(), "Serving")).isNull();
            assertThat(ready.getStatus().getLastServingCheck()).isNull();
            assertThat(h.calls("TestInvokeMethod")).isZero();
        }
    }

    private static String createFunction(OperatorHarness h, String name, String code) {
        return h.lambda.createFunction(b -> b.functionName(name).runtime(Runtime.NODEJS20_X)
                .role("arn:aws:iam::" + OperatorHarness.ACCOUNT + ":role/lambda-basic-execution").handler("index.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(OperatorHarness.zip("index.js", code))))).functionArn();
    }
}
