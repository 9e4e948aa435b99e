package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.model.GreetingApi;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.Resource;

/** Out-of-band changes are restored at the next resync and redeployed; the result is the recipe again. */
class DriftTest {

    /** The API as the operator made it, for the drift to act on. */
    record Api(OperatorHarness h, String id, String resourceId, String function, String uid) {
    }

    static Stream<Arguments> drifts() {
        return Stream.of(
                drift("method deleted", true, a -> a.h.apigw.deleteMethod(b -> b.restApiId(a.id).resourceId(a.resourceId)
                        .httpMethod("GET"))),
                drift("method changed", true, a -> a.h.apigw.updateMethod(b -> b.restApiId(a.id).resourceId(a.resourceId)
                        .httpMethod("GET").patchOperations(p -> p.op(Op.REPLACE).path("/authorizationType").value("AWS_IAM")))),
                drift("integration changed", true, a -> a.h.apigw.putIntegration(b -> b.restApiId(a.id).resourceId(a.resourceId)
                        .httpMethod("GET").type("AWS").integrationHttpMethod("POST")
                        .uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + a.function + "/invocations")
                        .requestTemplates(Map.of("application/json", "{\"greeter\":\"$input.params('greeter')\"}")))),
                drift("integration response deleted", true, a -> a.h.apigw.deleteIntegrationResponse(b -> b.restApiId(a.id)
                        .resourceId(a.resourceId).httpMethod("GET").statusCode("200"))),
                drift("method response deleted", true, a -> a.h.apigw.deleteMethodResponse(b -> b.restApiId(a.id)
                        .resourceId(a.resourceId).httpMethod("GET").statusCode("200"))),
                drift("stage deleted", true, a -> a.h.apigw.deleteStage(b -> b.restApiId(a.id).stageName("test"))),
                drift("permission removed", false, a -> a.h.lambda.removePermission(b -> b.functionName(a.function)
                        .statementId("greeting-operator-" + a.uid))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drifts")
    void restoredAtTheNextResync(String name, boolean redeploys, Consumer<Api> drift) {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("drift", function, s -> { }));
            GreetingApi ready = h.awaitReady("drift");
            String apiId = ready.getStatus().getRestApiId();
            h.emulator.counters().reset();

            drift.accept(new Api(h, apiId, ready.getStatus().getResourceId(), function, ready.getMetadata().getUid()));

            if (redeploys) {
                await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("CreateDeployment") == 1
                        && !ready.getStatus().getDeploymentId().equals(h.get("drift").getStatus().getDeploymentId()));
            } else {
                await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("AddPermission") == 1);
            }
            // One more resync finds nothing to do: the drift is gone.
            long writes = h.writes();
            long resyncs = h.calls("GetResources");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.calls("GetResources") >= resyncs + 2);
            assertThat(h.writes()).as("writes after the repair").isEqualTo(writes);
            System.out.println("AWS calls to repair '" + name + "': " + h.emulator.counters().callSnapshot());

            assertRecipe(h, h.get("drift"), function);
            assertThat(h.calls("CreateDeployment")).isEqualTo(redeploys ? 1 : 0);
        }
    }

    @org.junit.jupiter.api.Test
    void wholeApiDeletedIsRecreated() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("drift", function, s -> { }));
            String oldId = h.awaitReady("drift").getStatus().getRestApiId();

            h.apigw.deleteRestApi(b -> b.restApiId(oldId));

            await().atMost(OperatorHarness.TIMEOUT).until(() -> {
                GreetingApi r = h.get("drift");
                return !oldId.equals(r.getStatus().getRestApiId())
                        && dev.greeting.reconcile.Conditions.isTrue(r.getStatus().getConditions(), "Ready");
            });
            GreetingApi recreated = h.get("drift");
            assertThat(h.apigw.getRestApis().items()).extracting(a -> a.id()).containsExactly(recreated.getStatus().getRestApiId());
            assertThat(recreated.getStatus().getInvokeUrl()).contains(recreated.getStatus().getRestApiId());
            assertRecipe(h, recreated, function);
            // The statement now names the new API.
            assertThat(h.lambda.getPolicy(b -> b.functionName(function)).policy())
                    .contains(recreated.getStatus().getRestApiId()).doesNotContain(oldId);
        }
    }

    static void assertRecipe(OperatorHarness h, GreetingApi resource, String function) {
        String apiId = resource.getStatus().getRestApiId();
        Resource greeting = h.apigw.getResources(b -> b.restApiId(apiId)).items().stream()
                .filter(r -> r.path().equals("/greeting")).findFirst().orElseThrow();
        var method = h.apigw.getMethod(b -> b.restApiId(apiId).resourceId(greeting.id()).httpMethod("GET"));
        assertThat(method.authorizationType()).isEqualTo("NONE");
        assertThat(method.methodResponses()).containsKey("200");
        assertThat(method.methodIntegration().requestTemplates().get("application/json")).contains("$util.escapeJavaScript");
        assertThat(method.methodIntegration().uri()).contains(function);
        assertThat(method.methodIntegration().integrationResponses()).containsKey("200");
        assertThat(h.apigw.getStage(b -> b.restApiId(apiId).stageName("test")).deploymentId())
                .isEqualTo(resource.getStatus().getDeploymentId());
        assertThat(h.apigw.getDeployments(b -> b.restApiId(apiId)).items()).hasSize(1);
        assertThat(h.lambda.getPolicy(b -> b.functionName(function)).policy()).contains(resource.getMetadata().getUid());
    }

    private static Arguments drift(String name, boolean redeploys, Consumer<Api> drift) {
        return Arguments.of(name, redeploys, drift);
    }
}
