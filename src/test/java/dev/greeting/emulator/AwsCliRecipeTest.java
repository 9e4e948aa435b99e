package dev.greeting.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.testsupport.AwsCli;
import dev.greeting.testsupport.TestZips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * Replays DESIGN.md's manual recipe ("The job, as a person would do it by hand") verbatim through
 * the real {@code aws} CLI with {@code --endpoint-url}, checks the fields AWS shows, then reads the
 * API back through the AWS SDK.
 */
class AwsCliRecipeTest {
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld";
    private static Emulator emulator;
    private static AwsCli aws;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        var cli = AwsCli.find(emulator.endpoint());
        assumeTrue(cli.isPresent(), "SKIPPED: no aws CLI installed (CI installs Debian's awscli)");
        aws = cli.get();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void recipeThroughTheAwsCliBuildsTheDocumentedApi() throws Exception {
        // The function the recipe fronts (in us-east-1, while the API lives in us-west-2).
        Path zip = Files.createTempFile("hello", ".zip");
        Files.write(zip, TestZips.zip(Map.of("index.js", "exports.handler = async (e) => 'Hello';\n")));
        JsonNode function = aws.ok("lambda", "create-function", "--function-name", "HelloWorld",
                "--runtime", "nodejs20.x", "--role", "arn:aws:iam::123456789012:role/lambda-basic",
                "--handler", "index.handler", "--zip-file", "fileb://" + zip, "--region", "us-east-1");
        assertThat(function.path("FunctionArn").asText()).isEqualTo(FUNCTION_ARN);

        // 1. create-rest-api → API id; its root resource "/".
        JsonNode api = aws.ok("apigateway", "create-rest-api", "--name", "HelloWorld (AWS CLI)", "--region", "us-west-2");
        String apiId = api.path("id").asText();
        assertThat(apiId).matches("[a-z0-9]{10}");
        assertThat(api.path("name").asText()).isEqualTo("HelloWorld (AWS CLI)");
        JsonNode resources = aws.ok("apigateway", "get-resources", "--rest-api-id", apiId, "--region", "us-west-2");
        JsonNode root = resources.path("items").get(0);
        assertThat(root.path("path").asText()).isEqualTo("/");
        String rootId = root.path("id").asText();

        // 2. create-resource → /greeting
        JsonNode resource = aws.ok("apigateway", "create-resource", "--rest-api-id", apiId, "--region", "us-west-2",
                "--parent-id", rootId, "--path-part", "greeting");
        String resourceId = resource.path("id").asText();
        assertThat(resource.path("path").asText()).isEqualTo("/greeting");
        assertThat(resource.path("pathPart").asText()).isEqualTo("greeting");
        assertThat(resource.path("parentId").asText()).isEqualTo(rootId);

        // 3. put-method GET with the optional greeter query parameter
        JsonNode method = aws.ok("apigateway", "put-method", "--rest-api-id", apiId, "--region", "us-west-2",
                "--resource-id", resourceId, "--http-method", "GET", "--authorization-type", "NONE",
                "--request-parameters", "method.request.querystring.greeter=false");
        assertThat(method.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(method.path("authorizationType").asText()).isEqualTo("NONE");
        assertThat(method.path("requestParameters").path("method.request.querystring.greeter").isBoolean()).isTrue();
        assertThat(method.path("requestParameters").path("method.request.querystring.greeter").asBoolean()).isFalse();

        // 4. put-method-response 200
        JsonNode methodResponse = aws.ok("apigateway", "put-method-response", "--rest-api-id", apiId, "--region", "us-west-2",
                "--resource-id", resourceId, "--http-method", "GET", "--status-code", "200");
        assertThat(methodResponse.path("statusCode").asText()).isEqualTo("200");

        // 5. put-integration: Lambda custom integration, always POST, URI region = the function's region
        String uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + FUNCTION_ARN + "/invocations";
        String template = "{\"greeter\":\"$input.params('greeter')\"}";
        JsonNode integration = aws.ok("apigateway", "put-integration", "--rest-api-id", apiId, "--region", "us-west-2",
                "--resource-id", resourceId, "--http-method", "GET", "--type", "AWS",
                "--integration-http-method", "POST", "--uri", uri,
                "--request-templates", "{\"application/json\":\"{\\\"greeter\\\":\\\"$input.params('greeter')\\\"}\"}",
                "--credentials", "arn:aws:iam::123456789012:role/apigAwsProxyRole");
        assertThat(integration.path("type").asText()).isEqualTo("AWS");
        assertThat(integration.path("httpMethod").asText()).isEqualTo("POST");
        assertThat(integration.path("uri").asText()).isEqualTo(uri);
        assertThat(integration.path("requestTemplates").path("application/json").asText()).isEqualTo(template);
        assertThat(integration.path("passthroughBehavior").asText()).isEqualTo("WHEN_NO_MATCH");
        assertThat(integration.path("credentials").asText()).isEqualTo("arn:aws:iam::123456789012:role/apigAwsProxyRole");

        // 6. put-integration-response 200, the default response
        JsonNode integrationResponse = aws.ok("apigateway", "put-integration-response", "--rest-api-id", apiId,
                "--region", "us-west-2", "--resource-id", resourceId, "--http-method", "GET",
                "--status-code", "200", "--selection-pattern", "");
        assertThat(integrationResponse.path("statusCode").asText()).isEqualTo("200");
        assertThat(integrationResponse.path("selectionPattern").asText()).isEmpty();

        // 7. create-deployment --stage-name test
        JsonNode deployment = aws.ok("apigateway", "create-deployment", "--rest-api-id", apiId, "--region", "us-west-2",
                "--stage-name", "test");
        String deploymentId = deployment.path("id").asText();
        assertThat(deploymentId).isNotBlank();
        JsonNode stage = aws.ok("apigateway", "get-stage", "--rest-api-id", apiId, "--region", "us-west-2",
                "--stage-name", "test");
        assertThat(stage.path("deploymentId").asText()).isEqualTo(deploymentId);

        // 8. Without --credentials the function's policy grants API Gateway the invoke right instead.
        String sourceArn = "arn:aws:execute-api:us-west-2:123456789012:" + apiId + "/*/GET/greeting";
        JsonNode permission = aws.ok("lambda", "add-permission", "--function-name", "HelloWorld", "--region", "us-east-1",
                "--statement-id", "apigateway-test-2", "--action", "lambda:InvokeFunction",
                "--principal", "apigateway.amazonaws.com", "--source-arn", sourceArn);
        JsonNode statement = new com.fasterxml.jackson.databind.ObjectMapper().readTree(permission.path("Statement").asText());
        assertThat(statement.path("Sid").asText()).isEqualTo("apigateway-test-2");
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("apigateway.amazonaws.com");
        assertThat(statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText()).isEqualTo(sourceArn);

        // Any SDK reading the API back sees the configuration the recipe describes.
        try (ApiGatewayClient sdk = ApiGatewayClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            // rootResourceId is newer than the CLI's bundled model (Debian's 2.9 drops it), so read it here.
            assertThat(sdk.getRestApi(r -> r.restApiId(apiId)).rootResourceId()).isEqualTo(rootId);
            GetResourcesResponse read = sdk.getResources(r -> r.restApiId(apiId).embed("methods"));
            Resource greeting = read.items().stream().filter(r -> r.path().equals("/greeting")).findFirst().orElseThrow();
            Method get = greeting.resourceMethods().get("GET");
            assertThat(get.requestParameters()).containsEntry("method.request.querystring.greeter", false);
            assertThat(get.methodResponses()).containsKey("200");
            assertThat(get.methodIntegration().uri()).isEqualTo(uri);
            assertThat(get.methodIntegration().httpMethod()).isEqualTo("POST");
            assertThat(get.methodIntegration().requestTemplates()).containsEntry("application/json", template);
            assertThat(get.methodIntegration().integrationResponses().get("200").selectionPattern()).isEmpty();
        }
    }

    @Test
    void unknownApiIsNotFoundException() {
        AwsCli.Result result = aws.run("apigateway", "get-rest-api", "--rest-api-id", "nonexistent", "--region", "us-west-2");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("NotFoundException");
    }
}
