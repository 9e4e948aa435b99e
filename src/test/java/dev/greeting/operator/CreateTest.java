package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.emulator.EmulatorOptions;
import dev.greeting.model.GreetingApi;
import dev.greeting.reconcile.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.Resource;

/** A new GreetingApi becomes the recipe's API, in at most 9 AWS calls, and its serving check in one more. */
class CreateTest {

    @Test
    void helloWorldWithManagedPermission() {
        // A long resync: the counters below see the create reconcile alone.
        try (OperatorHarness h = OperatorHarness.start(EmulatorOptions.defaults(), s -> s.withResync(Duration.ofMinutes(5)))) {
            String function = h.createFunction("HelloWorld");
            h.emulator.counters().reset();

            h.create(greetingApi("hello-world", function, s -> { }));
            GreetingApi ready = h.awaitReady("hello-world");

            var status = ready.getStatus();
            String apiId = status.getRestApiId();
            assertThat(status.getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
            assertThat(status.getInvokeUrl()).isEqualTo(h.emulator.endpoint() + "/_aws/execute-api/" + apiId + "/test/greeting");
            Condition condition = Conditions.find(status.getConditions(), "Ready");
            assertThat(condition.getReason()).isEqualTo("Deployed");
            assertThat(condition.getLastTransitionTime()).isNotBlank();

            Map<String, Long> calls = h.emulator.counters().callSnapshot();
            System.out.println("AWS calls to create hello-world: " + h.emulator.counters().totalCalls() + " " + calls);
            // 9 to build and deploy (one of them the process's first GetRestApis listing), then the one serving check
            assertThat(h.calls("TestInvokeMethod")).as("serving checks").isEqualTo(1);
            assertThat(h.emulator.counters().totalCalls() - h.calls("TestInvokeMethod")).as("AWS calls to build: %s", calls)
                    .isLessThanOrEqualTo(9);
            assertThat(h.emulator.counters().totalCalls()).as("AWS calls for the create: %s", calls).isLessThanOrEqualTo(10);
            assertThat(h.calls("CreateRestApi")).isEqualTo(1);
            assertThat(h.calls("CreateDeployment")).isEqualTo(1);

            // Read back through the SDK: the recipe.
            Resource greeting = h.apigw.getResources(b -> b.restApiId(apiId)).items().stream()
                    .filter(r -> r.path().equals("/greeting")).findFirst().orElseThrow();
            assertThat(greeting.id()).isEqualTo(status.getResourceId());
            var method = h.apigw.getMethod(b -> b.restApiId(apiId).resourceId(greeting.id()).httpMethod("GET"));
            assertThat(method.authorizationType()).isEqualTo("NONE");
            assertThat(method.requestParameters()).containsExactly(Map.entry("method.request.querystring.greeter", false));
            assertThat(method.methodResponses()).containsOnlyKeys("200");
            var integration = method.methodIntegration();
            assertThat(integration.typeAsString()).isEqualTo("AWS");
            assertThat(integration.httpMethod()).isEqualTo("POST");
            assertThat(integration.uri()).isEqualTo("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                    + function + "/invocations");
            assertThat(integration.credentials()).isNull();
            assertThat(integration.requestTemplates()).containsExactly(Map.entry("application/json",
                    "{\"greeter\":\"$util.escapeJavaScript($input.params('greeter')).replaceAll(\"\\\\'\",\"'\")\"}"));
            assertThat(integration.integrationResponses()).containsOnlyKeys("200");
            assertThat(h.apigw.getStage(b -> b.restApiId(apiId).stageName("test")).deploymentId())
                    .isEqualTo(status.getDeploymentId());
            assertThat(h.lambda.getPolicy(b -> b.functionName(function)).policy())
                    .contains("\"Sid\":\"greeting-operator-" + ready.getMetadata().getUid() + "\"")
                    .contains("arn:aws:execute-api:us-west-2:123456789012:" + apiId + "/*/GET/greeting");
            assertThat(h.eventReasons("hello-world")).contains("Created", "Deployed");
        }
    }

    @Test
    void withACredentialsRoleNoPermissionIsManaged() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.emulator.counters().reset();
            String role = "arn:aws:iam::123456789012:role/apigAwsProxyRole";
            h.create(greetingApi("with-role", function, s -> {
                s.setCredentialsRoleArn(role);
                s.setApiName("HelloWorld (AWS CLI)");
                s.setPath("v1/greeting");
                s.setGreeterRequired(true);
            }));
            String apiId = h.awaitReady("with-role").getStatus().getRestApiId();

            assertThat(h.calls("AddPermission", "GetPolicy")).isZero();
            assertThat(h.apigw.getRestApi(b -> b.restApiId(apiId)).name()).isEqualTo("HelloWorld (AWS CLI)");
            Resource greeting = h.apigw.getResources(b -> b.restApiId(apiId)).items().stream()
                    .filter(r -> r.path().equals("/v1/greeting")).findFirst().orElseThrow();
            var method = h.apigw.getMethod(b -> b.restApiId(apiId).resourceId(greeting.id()).httpMethod("GET"));
            assertThat(method.requestParameters()).containsExactly(Map.entry("method.request.querystring.greeter", true));
            var validator = h.apigw.getRequestValidator(b -> b.restApiId(apiId).requestValidatorId(method.requestValidatorId()));
            assertThat(validator.validateRequestParameters()).isTrue();
            assertThat(method.methodIntegration().credentials()).isEqualTo(role);
        }
    }
}
