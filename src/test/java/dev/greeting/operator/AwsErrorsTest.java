package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Service;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** AWS failures become Ready=False with a CamelCase reason, a message and a Warning Event, and a suitable retry. */
class AwsErrorsTest {

    @Test
    void aSpecTheCrdWouldRefuseMakesNoAwsCall() {
        try (OperatorHarness h = OperatorHarness.start()) {
            // Only possible where the CRD's validation did not run (an older CRD): the operator checks again.
            h.createUnderAnOlderCrd(greetingApi("bad", OperatorHarness.functionArn("F"),
                    s -> s.setGreeterParameter("x'))#set($a=1)")));
            Condition c = h.awaitNotReady("bad", "InvalidSpec");
            assertThat(c.getMessage()).contains("greeterParameter");
            assertWarningEvent(h, "bad", "InvalidSpec");
            assertThat(h.emulator.counters().totalCalls()).isZero();
        }
    }

    @Test
    void missingFunctionIsReportedAndRecoveredOnceTheFunctionExists() {
        try (OperatorHarness h = OperatorHarness.start()) {
            h.create(greetingApi("no-function", OperatorHarness.functionArn("NotYet"), s -> { }));

            Condition c = h.awaitNotReady("no-function", "FunctionNotFound");
            assertThat(c.getMessage()).contains("Function not found", "NotYet");
            assertWarningEvent(h, "no-function", "FunctionNotFound");
            // What could be made was made, and is remembered.
            assertThat(h.get("no-function").getStatus().getRestApiId()).isNotNull();

            h.createFunction("NotYet");
            h.awaitReady("no-function");
            assertThat(h.calls("CreateRestApi")).isEqualTo(1);
        }
    }

    @Test
    void accessDeniedIsReported() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("Guarded");
            // IAM would deny the operator lambda:AddPermission and lambda:GetPolicy on this one function.
            String policyPath = "/2015-03-31/functions/" + SdkHttpUtils.urlEncode(function) + "/policy";
            for (String method : new String[] {"GET", "POST"}) {
                h.emulator.router().add(Service.LAMBDA, method.equals("GET") ? "GetPolicy" : "AddPermission", method,
                        policyPath, request -> {
                            throw new AwsException(403, "AccessDeniedException", "User: arn:aws:sts::123456789012:"
                                    + "assumed-role/greeting-operator is not authorized to perform: lambda:AddPermission on "
                                    + "resource: " + function);
                        });
            }
            h.create(greetingApi("denied", function, s -> { }));

            Condition c = h.awaitNotReady("denied", "AccessDenied");
            assertThat(c.getMessage()).contains("not authorized", "AccessDeniedException");
            assertWarningEvent(h, "denied", "AccessDenied");
        }
    }

    @Test
    void invalidRequestIsNotRetriedUntilTheSpecChanges() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            // Admitted by the CRD (one partition throughout), refused by API Gateway in us-west-2.
            h.create(greetingApi("invalid", "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:Gov",
                    s -> s.setCredentialsRoleArn("arn:aws-us-gov:iam::123456789012:role/r")));

            Condition c = h.awaitNotReady("invalid", "InvalidRequest");
            assertThat(c.getMessage()).contains("BadRequestException");
            assertWarningEvent(h, "invalid", "InvalidRequest");

            // Several resync intervals pass without a single AWS call.
            long calls = h.emulator.counters().totalCalls();
            await().during(OperatorHarness.RESYNC.multipliedBy(4)).atMost(OperatorHarness.RESYNC.multipliedBy(6))
                    .until(() -> h.emulator.counters().totalCalls() == calls);
            assertThat(h.events("invalid").stream().filter(e -> "InvalidRequest".equals(e.getReason()))).hasSize(1);

            h.editSpec("invalid", s -> {
                s.setFunctionArn(function);
                s.setCredentialsRoleArn(null);
            });
            h.awaitReady("invalid");
        }
    }

    @Test
    void throttlingIsWaitedOut() {
        // AWS's quotas at 50 times the speed, and an operator that does not schedule its calls: AWS throttles it.
        var emulatorOptions = dev.greeting.emulator.EmulatorOptions.defaults().withQuotas("aws", 50);
        try (OperatorHarness h = OperatorHarness.start(emulatorOptions, s -> s.withAws(s.aws()
                .withQuotas(dev.greeting.aws.QuotaPolicy.unlimited())))) {
            String function = h.createFunction("HelloWorld");
            for (int i = 0; i < 4; i++) {
                h.create(greetingApi("throttled-" + i, function, s -> { }));
            }
            for (int i = 0; i < 4; i++) {
                h.awaitReady("throttled-" + i);
            }
            System.out.println("throttled by the emulator: " + h.emulator.counters().throttledSnapshot());
            assertThat(h.emulator.counters().throttledSnapshot().values().stream().mapToLong(Long::longValue).sum())
                    .isPositive();
            assertThat(h.calls("CreateRestApi") - h.emulator.counters().throttled("CreateRestApi")).isEqualTo(4);
            assertThat(h.apigw.getRestApis().items()).hasSize(4);
        }
    }

    @Test
    void aLongThrottleIsReportedAndWaitedOutNotGivenUpOn() {
        // AWS's quotas at real speed (CreateRestApi: one every 3 s), and an operator that waits at most
        // 200 ms in a call: the second API's Retry-After is longer, so the resource shows Throttled and
        // is rescheduled after it, instead of holding a thread or giving up.
        var emulatorOptions = dev.greeting.emulator.EmulatorOptions.defaults().withQuotas("aws", 1);
        try (OperatorHarness h = OperatorHarness.start(emulatorOptions, s -> s.withAws(s.aws()
                .withQuotas(dev.greeting.aws.QuotaPolicy.unlimited()).withMaxQuotaWait(Duration.ofMillis(200))))) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("first", function, s -> { }));
            h.awaitReady("first");
            h.create(greetingApi("second", function, s -> { }));

            Condition throttled = h.awaitNotReady("second", "Throttled");
            assertThat(throttled.getMessage()).contains("CreateRestApi");
            assertWarningEvent(h, "second", "Throttled");
            h.awaitReady("second");
            assertThat(h.emulator.counters().throttled("CreateRestApi")).isPositive();
            assertThat(h.apigw.getRestApis().items()).hasSize(2);
        }
    }

    static void assertWarningEvent(OperatorHarness h, String name, String reason) {
        await().atMost(Duration.ofSeconds(5)).until(() -> h.events(name).stream()
                .anyMatch(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason())));
        Event event = h.events(name).stream().filter(e -> reason.equals(e.getReason())).findFirst().orElseThrow();
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("GreetingApi");
        assertThat(event.getMessage()).isNotBlank();
    }
}
