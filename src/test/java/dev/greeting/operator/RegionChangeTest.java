package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.model.GreetingApi;
import dev.greeting.reconcile.RegionGuard;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * The region a REST API lives in is recorded in status. A resource without spec.region follows the
 * operator's default region; when that default changes, the operator refuses to act (no second
 * API in the new region) and says why, and the finalizer still deletes the API where it lives.
 * (A change of spec.region itself is refused at admission: model/RegionImmutabilityTest.)
 */
class RegionChangeTest {

    @Test
    void aChangedDefaultRegionTouchesNothingAndDeleteFindsTheApiWhereItLives() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("home", function, s -> { }));
            GreetingApi ready = h.awaitReady("home");
            assertThat(ready.getStatus().getRegion()).isEqualTo(OperatorHarness.API_REGION.id());
            String apiId = ready.getStatus().getRestApiId();

            h.stopOperator();
            h.emulator.counters().reset();
            h.startOperator(s -> s.withAws(s.aws().withRegion("eu-west-1")));

            Condition notReady = h.awaitNotReady("home", RegionGuard.REASON);
            assertThat(notReady.getMessage()).contains(apiId, "lives in us-west-2", "eu-west-1");
            assertThat(h.writes()).as("AWS writes after the region changed").isZero();
            assertThat(h.get("home").getStatus().getRestApiId()).isEqualTo(apiId);
            try (ApiGatewayClient euWest = ApiGatewayClient.builder().endpointOverride(h.emulator.endpoint())
                    .region(Region.EU_WEST_1).credentialsProvider(OperatorHarness.credentials()).build()) {
                assertThat(euWest.getRestApis().items()).as("APIs in eu-west-1").isEmpty();
            }

            h.delete("home");

            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.get("home") == null);
            assertThat(h.apigw.getRestApis().items()).as("APIs left in us-west-2").isEmpty();
        }
    }
}
