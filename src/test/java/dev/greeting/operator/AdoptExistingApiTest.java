package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.model.GreetingApi;
import dev.greeting.reconcile.Adoption;
import dev.greeting.reconcile.DesiredState;
import dev.greeting.sandbox.GreetingProbe;
import dev.greeting.testsupport.AwsCli;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A REST API built by hand with the aws CLI (DESIGN.md's recipe), taken over by a GreetingApi
 * through the {@value Adoption#ANNOTATION} annotation: converged in place (no second API, no
 * second resource, the stage kept), and refused when another GreetingApi owns it or it does not exist.
 */
class AdoptExistingApiTest {
    private static final String REGION = OperatorHarness.API_REGION.id();

    @Test
    void aHandMadeApiIsAdoptedInPlaceAndASecondClaimIsRefused() {
        try (OperatorHarness h = OperatorHarness.start()) {
            var cli = AwsCli.find(h.emulator.endpoint());
            assumeTrue(cli.isPresent(), "SKIPPED: no aws CLI installed (CI installs Debian's awscli)");
            AwsCli aws = cli.get();
            String function = h.createFunction("HelloWorld");
            HandMade api = recipe(aws, function);
            h.emulator.counters().reset();

            h.create(adopting("adopter", function, api.id()));
            GreetingApi ready = h.awaitReady("adopter");

            assertThat(ready.getStatus().getRestApiId()).isEqualTo(api.id());
            assertThat(ready.getStatus().getResourceId()).as("the hand-made /greeting").isEqualTo(api.resourceId());
            assertThat(h.calls("CreateRestApi")).as("CreateRestApi").isZero();
            assertThat(h.calls("CreateResource")).as("CreateResource").isZero();
            assertThat(h.apigw.getRestApis().items()).as("REST APIs").hasSize(1);
            JsonNode resources = aws.ok("apigateway", "get-resources", "--rest-api-id", api.id(), "--region", REGION);
            assertThat(resources.path("items").findValuesAsText("path")).containsExactlyInAnyOrder("/", "/greeting");
            JsonNode stage = aws.ok("apigateway", "get-stage", "--rest-api-id", api.id(), "--stage-name", "test",
                    "--region", REGION);
            assertThat(stage.path("deploymentId").asText()).isEqualTo(ready.getStatus().getDeploymentId());
            Map<String, String> tags = h.apigw.getRestApi(b -> b.restApiId(api.id())).tags();
            assertThat(tags).containsEntry(DesiredState.UID_TAG, ready.getMetadata().getUid())
                    .containsEntry(DesiredState.RESOURCE_TAG, h.namespace() + "/adopter");
            // the hand-made template differed (no escaping): updated in place, then deployed
            assertThat(h.calls("PutIntegration")).as("PutIntegration").isEqualTo(1);
            assertThat(h.eventReasons("adopter")).contains("Adopted");
            GreetingProbe.Answer answer = GreetingProbe.greet(ready.getStatus().getInvokeUrl(), "greeter", "me");
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            assertThat(answer.body()).contains("Hello, me!");

            h.emulator.counters().reset();
            h.create(adopting("second", function, api.id()));
            Condition refused = h.awaitNotReady("second", Adoption.REASON_REFUSED);
            assertThat(refused.getMessage()).contains(api.id(), ready.getMetadata().getUid());
            assertThat(h.writes()).as("AWS writes for the refused claim").isZero();
            assertThat(h.get("second").getStatus().getRestApiId()).isNull();

            // Deleting the refused claim leaves the adopter's API alone.
            h.delete("second");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.get("second") == null);
            // Its only write: the finalizer's RemovePermission of its own statement id (there is none).
            assertThat(h.writes()).as("AWS writes after the refused claim's delete: %s", h.emulator.counters().callSnapshot())
                    .isEqualTo(h.calls("RemovePermission")).isLessThanOrEqualTo(1);
            assertThat(h.calls("DeleteRestApi")).as("DeleteRestApi").isZero();
            assertThat(h.apigw.getRestApis().items()).as("REST APIs").hasSize(1);
            assertThat(h.awaitReady("adopter").getStatus().getRestApiId()).isEqualTo(api.id());

            // deletionPolicy Delete (the default) deletes an adopted API like any other: README recommends Retain.
            h.delete("adopter");
            await().atMost(OperatorHarness.TIMEOUT).until(() -> h.get("adopter") == null);
            assertThat(h.apigw.getRestApis().items()).as("REST APIs after the adopter's delete").isEmpty();
        }
    }

    @Test
    void anUnknownOrMalformedIdCreatesNothing() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.emulator.counters().reset();

            h.create(adopting("unknown", function, "zz00zz00zz"));
            Condition notFound = h.awaitNotReady("unknown", Adoption.REASON_NOT_FOUND);
            assertThat(notFound.getMessage()).contains("zz00zz00zz", REGION);

            h.create(adopting("malformed", function, "https://zz00zz00zz.execute-api.us-west-2.amazonaws.com"));
            Condition invalid = h.awaitNotReady("malformed", Adoption.REASON_INVALID);
            assertThat(invalid.getMessage()).contains(Adoption.ANNOTATION);

            assertThat(h.writes()).as("AWS writes").isZero();
            assertThat(h.calls("CreateRestApi")).as("CreateRestApi").isZero();
            assertThat(h.apigw.getRestApis().items()).as("REST APIs").isEmpty();
        }
    }

    private static GreetingApi adopting(String name, String function, String restApiId) {
        GreetingApi resource = greetingApi(name, function, s -> s.setApiName("HelloWorld (AWS CLI)"));
        resource.getMetadata().setAnnotations(Map.of(Adoption.ANNOTATION, restApiId));
        return resource;
    }

    private record HandMade(String id, String resourceId) {
    }

    /** DESIGN.md's recipe with the aws CLI (the managed-permission variant: add-permission, no role). */
    private static HandMade recipe(AwsCli aws, String function) {
        String apiId = aws.ok("apigateway", "create-rest-api", "--name", "HelloWorld (AWS CLI)", "--region", REGION)
                .path("id").asText();
        String rootId = aws.ok("apigateway", "get-resources", "--rest-api-id", apiId, "--region", REGION)
                .path("items").get(0).path("id").asText();
        String resourceId = aws.ok("apigateway", "create-resource", "--rest-api-id", apiId, "--region", REGION,
                "--parent-id", rootId, "--path-part", "greeting").path("id").asText();
        aws.ok("apigateway", "put-method", "--rest-api-id", apiId, "--region", REGION, "--resource-id", resourceId,
                "--http-method", "GET", "--authorization-type", "NONE",
                "--request-parameters", "method.request.querystring.greeter=false");
        aws.ok("apigateway", "put-method-response", "--rest-api-id", apiId, "--region", REGION,
                "--resource-id", resourceId, "--http-method", "GET", "--status-code", "200");
        aws.ok("apigateway", "put-integration", "--rest-api-id", apiId, "--region", REGION, "--resource-id", resourceId,
                "--http-method", "GET", "--type", "AWS", "--integration-http-method", "POST",
                "--uri", "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + function + "/invocations",
                "--request-templates", "{\"application/json\":\"{\\\"greeter\\\":\\\"$input.params('greeter')\\\"}\"}");
        aws.ok("apigateway", "put-integration-response", "--rest-api-id", apiId, "--region", REGION,
                "--resource-id", resourceId, "--http-method", "GET", "--status-code", "200", "--selection-pattern", "");
        aws.ok("apigateway", "create-deployment", "--rest-api-id", apiId, "--region", REGION, "--stage-name", "test");
        aws.ok("lambda", "add-permission", "--region", "us-east-1", "--function-name", "HelloWorld",
                "--statement-id", "apigateway-test", "--action", "lambda:InvokeFunction",
                "--principal", "apigateway.amazonaws.com",
                "--source-arn", "arn:aws:execute-api:" + REGION + ":123456789012:" + apiId + "/*/GET/greeting");
        return new HandMade(apiId, resourceId);
    }
}
