package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.greeting.model.DeletionPolicy;
import dev.greeting.model.GreetingApi;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The finalizer: Delete removes the API and the statement, Retain keeps both, a gone API releases at once. */
class DeleteTest {

    @Test
    void deleteRemovesTheApiAndThePermission() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("doomed", function, s -> { }));
            h.awaitReady("doomed");

            h.delete("doomed");

            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.get("doomed") == null);
            assertThat(h.apigw.getRestApis().items()).isEmpty();
            assertThatThrownBy(() -> h.lambda.getPolicy(b -> b.functionName(function)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(h.eventReasons("doomed")).contains("Deleted");
        }
    }

    @Test
    void retainKeepsTheApiAndThePermission() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("kept", function, s -> s.setDeletionPolicy(DeletionPolicy.Retain)));
            String apiId = h.awaitReady("kept").getStatus().getRestApiId();
            h.emulator.counters().reset();

            h.delete("kept");

            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.get("kept") == null);
            assertThat(h.apigw.getRestApis().items()).extracting(a -> a.id()).containsExactly(apiId);
            assertThat(h.lambda.getPolicy(b -> b.functionName(function)).policy()).contains(apiId);
            assertThat(h.writes()).isZero();
        }
    }

    @Test
    void anApiAlreadyGoneIsReleasedAtOnce() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("gone", function, s -> { }));
            String apiId = h.awaitReady("gone").getStatus().getRestApiId();
            h.stopOperator();
            h.apigw.deleteRestApi(b -> b.restApiId(apiId));
            h.lambda.removePermission(b -> b.functionName(function).statementId("greeting-operator-"
                    + h.get("gone").getMetadata().getUid()));
            h.startOperator();
            h.emulator.counters().reset();

            h.delete("gone");

            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.get("gone") == null);
            assertThat(h.calls("DeleteRestApi")).isLessThanOrEqualTo(1);
            assertThat(h.calls("RemovePermission")).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aResourceThatNeverGotAnApiIsReleased() {
        try (OperatorHarness h = OperatorHarness.start()) {
            // Refused by the CRD: stored only where an older CRD admitted it.
            h.createUnderAnOlderCrd(greetingApi("never", OperatorHarness.functionArn("F"), s -> s.setGreeterParameter("x'y")));
            h.awaitNotReady("never", "InvalidSpec");
            GreetingApi r = h.get("never");
            assertThat(r.getMetadata().getFinalizers()).isNotEmpty();

            h.delete("never");

            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.get("never") == null);
            assertThat(h.emulator.counters().totalCalls()).isZero();
        }
    }
}
