package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.emulator.control.FaultConfig;
import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes Events a GreetingApi's life leaves (what {@code kubectl describe} shows): one per
 * thing that happened, on the right object, never one per retry.
 */
class EventsTest {

    @Test
    void createUpdateRedeployErrorAndDelete() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String fn = h.createFunction("HelloWorld");
            GreetingApi created = h.create(greetingApi("life", fn, s -> { }));
            GreetingApi ready = h.awaitReady("life");
            String apiId = ready.getStatus().getRestApiId();

            Event createdEvent = awaitEvent(h, "Created");
            assertThat(createdEvent.getType()).isEqualTo("Normal");
            assertThat(createdEvent.getMessage()).contains(apiId, "us-west-2");
            assertThat(createdEvent.getInvolvedObject().getKind()).isEqualTo("GreetingApi");
            assertThat(createdEvent.getInvolvedObject().getApiVersion()).isEqualTo("greeting.dev/v1alpha1");
            assertThat(createdEvent.getInvolvedObject().getNamespace()).isEqualTo(h.namespace());
            assertThat(createdEvent.getInvolvedObject().getUid()).isEqualTo(created.getMetadata().getUid());
            assertThat(createdEvent.getSource().getComponent()).isEqualTo(EventRecorder.COMPONENT);
            assertThat(createdEvent.getReportingComponent()).isEqualTo(EventRecorder.COMPONENT);
            assertThat(awaitEvent(h, "Deployed").getMessage()).contains("stage test");
            assertThat(count(h, "Updated")).isZero();

            // A spec change: updated in place and redeployed, one event each.
            h.editSpec("life", s -> s.setGreeterRequired(true));
            h.awaitReady("life");
            Event updated = awaitEvent(h, "Updated");
            assertThat(updated.getType()).isEqualTo("Normal");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> count(h, "Deployed") == 2);
            assertThat(count(h, "Created")).isEqualTo(1);

            // A transient error, retried several times: one Warning, not one per attempt.
            h.emulator.faults().configure(new FaultConfig(1, 0, 0, 1, Set.of("CreateDeployment")));
            // (not a greeterParameter change: the sample function reads only 'greeter', and would fail the serving check)
            h.editSpec("life", s -> s.setGreeterRequired(false));
            h.awaitNotReady("life", "AwsUnavailable");
            long failedAttempts = h.calls("CreateDeployment");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("CreateDeployment") >= failedAttempts + 2);
            Event warning = awaitEvent(h, "AwsUnavailable");
            assertThat(warning.getType()).isEqualTo("Warning");
            assertThat(warning.getMessage()).contains("CreateDeployment");
            assertThat(count(h, "AwsUnavailable")).isEqualTo(1);
            h.emulator.faults().configure(FaultConfig.NONE);
            h.awaitReady("life");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> count(h, "Deployed") == 3);

            h.delete("life");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.get("life") == null);
            Event deleted = awaitEvent(h, "Deleted");
            assertThat(deleted.getType()).isEqualTo("Normal");
            assertThat(deleted.getMessage()).contains("Deleted the REST API");

            List<String> reasons = h.eventReasons("life");
            assertThat(reasons).containsExactlyInAnyOrder("Created", "Deployed", "Updated", "Deployed", "Updated",
                    "AwsUnavailable", "Deployed", "Deleted");
        }
    }

    @Test
    void aTerminalErrorIsOneWarningAcrossResyncs() {
        try (OperatorHarness h = OperatorHarness.start()) {
            h.create(greetingApi("orphan", OperatorHarness.functionArn("Missing"), s -> { }));
            h.awaitNotReady("orphan", "FunctionNotFound");
            long attempts = h.calls("GetPolicy", "AddPermission");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("GetPolicy", "AddPermission") >= attempts + 2);
            Event warning = awaitEvent(h, "FunctionNotFound");
            assertThat(warning.getType()).isEqualTo("Warning");
            assertThat(warning.getMessage()).contains("Missing");
            assertThat(count(h, "FunctionNotFound")).isEqualTo(1);
        }
    }

    /** The first event with this reason (each test has one resource). */
    private static Event awaitEvent(OperatorHarness h, String reason) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count(h, reason) > 0);
        return h.client.v1().events().inNamespace(h.namespace()).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).findFirst().orElseThrow();
    }

    private static long count(OperatorHarness h, String reason) {
        return h.client.v1().events().inNamespace(h.namespace()).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).count();
    }
}
