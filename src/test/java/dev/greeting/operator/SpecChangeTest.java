package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.model.GreetingApi;
import dev.greeting.model.GreetingApiSpec;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Each spec change writes only the affected AWS objects, then (if what a deployment snapshots
 * changed) exactly one new deployment; the old deployment, stage, resource or permission is gone.
 */
class SpecChangeTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/apigAwsProxyRole";

    /** What the test sees after the change, to check AWS. */
    record World(OperatorHarness h, GreetingApi resource, String function, String otherFunction) {
        String apiId() {
            return resource.getStatus().getRestApiId();
        }
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                change("path", s -> s.setPath("hello"), writes("DeleteResource", "CreateResource", "PutMethod",
                        "PutMethodResponse", "PutIntegration", "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment",
                        "RemovePermission", "AddPermission"), (w, x) -> {
                    assertThat(w.h.apigw.getResources(b -> b.restApiId(w.apiId())).items()).extracting(Resource::path)
                            .containsExactlyInAnyOrder("/", "/hello");
                    assertThat(w.h.lambda.getPolicy(b -> b.functionName(w.function)).policy()).contains("/*/GET/hello\"");
                }),
                // The template sends the value under the parameter's name; the sample function reads only
                // 'greeter' and fails on {"name": ...}: the serving check would (rightly) keep it not Ready.
                change("parameter", s -> {
                    s.setGreeterParameter("name");
                    s.setServingCheck(false);
                }, writes("UpdateMethod", "PutIntegration",
                        "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment"), (w, x) -> {
                    var method = method(w, "/greeting");
                    assertThat(method.requestParameters()).containsOnlyKeys("method.request.querystring.name");
                    assertThat(method.methodIntegration().requestTemplates().get("application/json"))
                            .isEqualTo("{\"greeter\":\"$util.escapeJavaScript($input.params('name')).replaceAll(\"\\\\'\",\"'\")\"}");
                }),
                change("required flag", s -> s.setGreeterRequired(true), writes("CreateRequestValidator", "UpdateMethod",
                        "CreateDeployment", "DeleteDeployment"), (w, x) -> {
                    var method = method(w, "/greeting");
                    assertThat(method.requestParameters()).containsEntry("method.request.querystring.greeter", true);
                    assertThat(method.requestValidatorId()).isNotNull();
                }),
                change("stage", s -> s.setStage("prod"), writes("CreateDeployment", "DeleteStage", "DeleteDeployment"),
                        (w, x) -> {
                    assertThat(w.h.apigw.getStages(b -> b.restApiId(w.apiId())).item()).extracting(st -> st.stageName())
                            .containsExactly("prod");
                    assertThat(w.resource.getStatus().getInvokeUrl()).endsWith("/prod/greeting");
                }),
                change("function", s -> s.setFunctionArn(OperatorHarness.functionArn("Other")), writes("PutIntegration",
                        "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment", "RemovePermission", "AddPermission"),
                        (w, x) -> {
                    assertThat(method(w, "/greeting").methodIntegration().uri()).contains(":function:Other/");
                    assertThat(w.h.lambda.getPolicy(b -> b.functionName(w.otherFunction)).policy()).contains(w.apiId());
                    assertNoPolicy(w, w.function);
                }),
                change("permission to credentials", s -> s.setCredentialsRoleArn(ROLE), writes("PutIntegration",
                        "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment", "RemovePermission"), (w, x) -> {
                    assertThat(method(w, "/greeting").methodIntegration().credentials()).isEqualTo(ROLE);
                    assertNoPolicy(w, w.function);
                }),
                change("tags", s -> s.setTags(Map.of("team", "payments")), writes("TagResource"), (w, x) ->
                        assertThat(w.h.apigw.getRestApi(b -> b.restApiId(w.apiId())).tags()).containsEntry("team", "payments")
                                .containsKey("greeting.dev/uid")),
                change("apiName", s -> s.setApiName("Renamed"), writes("UpdateRestApi"), (w, x) ->
                        assertThat(w.h.apigw.getRestApi(b -> b.restApiId(w.apiId())).name()).isEqualTo("Renamed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void onlyTheAffectedObjectsAreWritten(String name, Consumer<GreetingApiSpec> edit, Map<String, Long> expectedWrites,
                                          BiConsumer<World, Void> check) {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            String other = h.createFunction("Other");
            h.create(greetingApi("change", function, s -> { }));
            String apiId = h.awaitReady("change").getStatus().getRestApiId();
            h.emulator.counters().reset();

            h.editSpec("change", edit);
            GreetingApi after = h.awaitReady("change");

            Map<String, Long> writes = new TreeMap<>();
            h.emulator.counters().callSnapshot().forEach((op, n) -> {
                if (!OperatorHarness.isRead(op)) {
                    writes.put(op, n);
                }
            });
            System.out.println("AWS writes for a " + name + " change: " + writes + "; all calls: "
                    + h.emulator.counters().callSnapshot());
            assertThat(writes).isEqualTo(expectedWrites);
            assertThat(after.getStatus().getRestApiId()).isEqualTo(apiId);
            // Exactly one deployment remains, and the stage serves it.
            assertThat(h.apigw.getDeployments(b -> b.restApiId(apiId)).items()).extracting(d -> d.id())
                    .containsExactly(after.getStatus().getDeploymentId());
            check.accept(new World(h, after, function, other), null);
        }
    }

    private static Arguments change(String name, Consumer<GreetingApiSpec> edit, Map<String, Long> writes,
                                    BiConsumer<World, Void> check) {
        return Arguments.of(name, edit, writes, check);
    }

    private static Map<String, Long> writes(String... operations) {
        Map<String, Long> result = new TreeMap<>();
        for (String op : operations) {
            result.merge(op, 1L, Long::sum);
        }
        return result;
    }

    private static software.amazon.awssdk.services.apigateway.model.GetMethodResponse method(World w, String path) {
        Resource r = w.h.apigw.getResources(b -> b.restApiId(w.apiId())).items().stream()
                .filter(x -> x.path().equals(path)).findFirst().orElseThrow();
        return w.h.apigw.getMethod(b -> b.restApiId(w.apiId()).resourceId(r.id()).httpMethod("GET"));
    }

    private static void assertNoPolicy(World w, String function) {
        assertThatThrownBy(() -> w.h.lambda.getPolicy(b -> b.functionName(function)))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
