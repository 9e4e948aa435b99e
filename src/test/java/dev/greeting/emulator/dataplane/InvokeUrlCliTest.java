package dev.greeting.emulator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.http.Json;
import dev.greeting.emulator.lambda.runtime.DirectoryZip;
import dev.greeting.testsupport.AwsCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The design's recipe typed as a user would, with the real aws CLI, then the invoke URL with plain HTTP. */
class InvokeUrlCliTest {

    @Test
    void recipeThroughTheCliServesTheGreeting(@TempDir Path dir) throws Exception {
        try (Emulator emulator = Emulator.start()) {
            Optional<AwsCli> found = AwsCli.find(emulator.endpoint());
            assumeTrue(found.isPresent(), "the aws CLI is not installed");
            AwsCli aws = found.get();
            Path zip = dir.resolve("hello-world-function.zip");
            Files.write(zip, DirectoryZip.of(Path.of("examples/hello-world-function")));

            String functionArn = aws.ok("lambda", "create-function", "--region", "us-east-1", "--function-name", "HelloWorld",
                    "--runtime", "nodejs20.x", "--handler", "index.handler",
                    "--role", "arn:aws:iam::123456789012:role/lambda-basic", "--zip-file", "fileb://" + zip)
                    .path("FunctionArn").asText();
            String apiId = aws.ok("apigateway", "create-rest-api", "--name", "HelloWorld (AWS CLI)", "--region", "us-west-2")
                    .path("id").asText();
            String rootId = aws.ok("apigateway", "get-resources", "--rest-api-id", apiId).path("items").get(0).path("id").asText();
            String resourceId = aws.ok("apigateway", "create-resource", "--rest-api-id", apiId, "--parent-id", rootId,
                    "--path-part", "greeting").path("id").asText();
            aws.ok("apigateway", "put-method", "--rest-api-id", apiId, "--resource-id", resourceId, "--http-method", "GET",
                    "--authorization-type", "NONE", "--request-parameters", "method.request.querystring.greeter=false");
            aws.ok("apigateway", "put-method-response", "--rest-api-id", apiId, "--resource-id", resourceId,
                    "--http-method", "GET", "--status-code", "200");
            aws.ok("apigateway", "put-integration", "--rest-api-id", apiId, "--resource-id", resourceId,
                    "--http-method", "GET", "--type", "AWS", "--integration-http-method", "POST",
                    "--uri", GreetingRecipe.invocationUri(functionArn),
                    "--request-templates", "{\"application/json\":\"{\\\"greeter\\\":\\\"$input.params('greeter')\\\"}\"}");
            aws.ok("apigateway", "put-integration-response", "--rest-api-id", apiId, "--resource-id", resourceId,
                    "--http-method", "GET", "--status-code", "200", "--selection-pattern", "");
            aws.ok("apigateway", "create-deployment", "--rest-api-id", apiId, "--stage-name", "test");
            aws.ok("lambda", "add-permission", "--region", "us-east-1", "--function-name", "HelloWorld",
                    "--statement-id", "apigateway-test", "--action", "lambda:InvokeFunction",
                    "--principal", "apigateway.amazonaws.com",
                    "--source-arn", "arn:aws:execute-api:us-west-2:123456789012:" + apiId + "/*/GET/greeting");

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(emulator.endpoint() + "/_aws/execute-api/" + apiId + "/test/greeting?greeter=me")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(response.body()).path("body").asText()).isEqualTo("Hello, me!");

            JsonNode test = aws.ok("apigateway", "test-invoke-method", "--rest-api-id", apiId, "--resource-id", resourceId,
                    "--http-method", "GET", "--path-with-query-string", "/greeting?greeter=cli");
            assertThat(test.path("status").asInt()).isEqualTo(200);
            assertThat(test.path("body").asText()).contains("Hello, cli!");

            Path out = dir.resolve("out.json");
            Path payload = Files.writeString(dir.resolve("payload.json"), "{\"greeter\":\"cli\"}");
            JsonNode invoked = aws.ok("lambda", "invoke", "--region", "us-east-1", "--function-name", "HelloWorld",
                    "--payload", "fileb://" + payload, out.toString());
            assertThat(invoked.path("StatusCode").asInt()).isEqualTo(200);
            assertThat(Files.readString(out)).contains("Hello, cli!");
        }
    }
}
