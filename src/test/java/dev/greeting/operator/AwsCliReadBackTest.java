package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.testsupport.AwsCli;
import org.junit.jupiter.api.Test;

/**
 * What the operator builds, read back by a user with the real {@code aws} CLI against the same
 * endpoint: the recipe's configuration from DESIGN.md.
 */
class AwsCliReadBackTest {

    @Test
    void theAwsCliReadsBackTheRecipesConfiguration() throws Exception {
        try (OperatorHarness h = OperatorHarness.start()) {
            var cli = AwsCli.find(h.emulator.endpoint());
            assumeTrue(cli.isPresent(), "SKIPPED: no aws CLI installed (CI installs Debian's awscli)");
            AwsCli aws = cli.get();
            String function = h.createFunction("HelloWorld");
            h.create(greetingApi("hello-world", function, s -> { }));
            var status = h.awaitReady("hello-world").getStatus();
            String apiId = status.getRestApiId();
            String resourceId = status.getResourceId();

            JsonNode resources = aws.ok("apigateway", "get-resources", "--rest-api-id", apiId, "--region", "us-west-2");
            assertThat(resources.path("items").findValuesAsText("path")).containsExactlyInAnyOrder("/", "/greeting");

            JsonNode method = aws.ok("apigateway", "get-method", "--rest-api-id", apiId, "--resource-id", resourceId,
                    "--http-method", "GET", "--region", "us-west-2");
            assertThat(method.path("authorizationType").asText()).isEqualTo("NONE");
            assertThat(method.path("requestParameters").path("method.request.querystring.greeter").asBoolean(true)).isFalse();
            assertThat(method.path("methodResponses").has("200")).isTrue();

            JsonNode integration = aws.ok("apigateway", "get-integration", "--rest-api-id", apiId,
                    "--resource-id", resourceId, "--http-method", "GET", "--region", "us-west-2");
            assertThat(integration.path("type").asText()).isEqualTo("AWS");
            assertThat(integration.path("httpMethod").asText()).isEqualTo("POST");
            assertThat(integration.path("uri").asText())
                    .isEqualTo("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + function + "/invocations");
            assertThat(integration.path("requestTemplates").path("application/json").asText())
                    .isEqualTo("{\"greeter\":\"$util.escapeJavaScript($input.params('greeter')).replaceAll(\"\\\\'\",\"'\")\"}");

            JsonNode integrationResponse = aws.ok("apigateway", "get-integration-response", "--rest-api-id", apiId,
                    "--resource-id", resourceId, "--http-method", "GET", "--status-code", "200", "--region", "us-west-2");
            assertThat(integrationResponse.path("selectionPattern").asText("")).isEmpty();

            JsonNode stage = aws.ok("apigateway", "get-stage", "--rest-api-id", apiId, "--stage-name", "test",
                    "--region", "us-west-2");
            assertThat(stage.path("deploymentId").asText()).isEqualTo(status.getDeploymentId());

            JsonNode policy = aws.ok("lambda", "get-policy", "--function-name", function, "--region", "us-east-1");
            JsonNode statement = new ObjectMapper().readTree(policy.path("Policy").asText()).path("Statement").get(0);
            assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("apigateway.amazonaws.com");
            assertThat(statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText())
                    .isEqualTo("arn:aws:execute-api:us-west-2:123456789012:" + apiId + "/*/GET/greeting");
        }
    }
}
