package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.model.GreetingApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator crashed after CreateRestApi and before writing the status: the API exists,
 * tagged with the resource's UID, and the status knows nothing of it. The next reconcile adopts
 * it; there is never a second API.
 */
class CrashRecoveryTest {

    @Test
    void apiCreatedBeforeTheCrashIsFoundByItsUidTag() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.stopOperator();
            GreetingApi resource = h.create(greetingApi("crashed", function, s -> { }));
            String uid = resource.getMetadata().getUid();
            // What the crashed operator left: the API with its tags, and nothing else.
            String orphan = h.apigw.createRestApi(b -> b.name(h.namespace() + "-crashed")
                    .tags(Map.of("greeting.dev/uid", uid, "greeting.dev/resource", h.namespace() + "/crashed"))).id();
            h.emulator.counters().reset();

            h.startOperator();
            GreetingApi ready = h.awaitReady("crashed");

            assertThat(ready.getStatus().getRestApiId()).isEqualTo(orphan);
            assertThat(h.calls("CreateRestApi")).isZero();
            assertThat(h.apigw.getRestApis().items()).extracting(a -> a.id()).containsExactly(orphan);
            DriftTest.assertRecipe(h, ready, function);
        }
    }

    @Test
    void aHalfBuiltApiIsCompletedNotDuplicated() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            // Every CreateDeployment fails: the operator gets half-way, as if it died there.
            h.emulator.faults().configure(new dev.greeting.emulator.control.FaultConfig(1, 0, 0, 1,
                    java.util.Set.of("CreateDeployment")));
            h.create(greetingApi("half", function, s -> { }));
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.emulator.counters().faulted("CreateDeployment") >= 1
                    && h.get("half").getStatus() != null && h.get("half").getStatus().getRestApiId() != null);
            h.stopOperator();
            // The crash lost the status write: forget what the status says, as if it had never been written.
            await().atMost(OperatorHarness.TIMEOUT).ignoreExceptions().untilAsserted(() ->
                    h.client.resources(GreetingApi.class).inNamespace(h.namespace()).withName("half")
                            .editStatus(r -> {
                                r.setStatus(null);
                                return r;
                            }));
            h.emulator.faults().configure(dev.greeting.emulator.control.FaultConfig.NONE);
            h.emulator.counters().reset();

            h.startOperator();
            GreetingApi ready = h.awaitReady("half");

            assertThat(h.calls("CreateRestApi")).isZero();
            assertThat(h.calls("CreateResource", "PutMethod")).isZero();
            assertThat(h.apigw.getRestApis().items()).hasSize(1);
            DriftTest.assertRecipe(h, ready, function);
        }
    }
}
