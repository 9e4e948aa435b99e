package dev.greeting.emulator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.TestInvokeMethodResponse;

/** The recipe's API, built through the SDK, called over plain HTTP at its invoke URLs. */
class InvokeUrlTest {
    private static GreetingRecipe recipe;
    private static String helloWorld;

    @BeforeAll
    static void start() {
        recipe = new GreetingRecipe();
        helloWorld = recipe.createHelloWorld("HelloWorld");
    }

    @AfterAll
    static void stop() {
        recipe.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static GreetingRecipe.Options options() {
        return new GreetingRecipe.Options();
    }

    @Test
    void greetsTheGreeterAtBothInvokeUrlForms() {
        GreetingRecipe.Api api = recipe.createApi("HelloWorld (AWS CLI)", helloWorld, options());
        long before = recipe.emulator.counters().calls(DataPlane.EXECUTE_OPERATION);

        HttpResponse<String> response = recipe.get(recipe.url(api, "/greeting?greeter=me"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json(response).path("body").asText()).isEqualTo("Hello, me!");
        assertThat(json(response).path("statusCode").asInt()).isEqualTo(200);

        HttpResponse<String> old = recipe.get(recipe.userRequestUrl(api, "/greeting?greeter=me"));
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(json(old).path("body").asText()).isEqualTo("Hello, me!");
        assertThat(recipe.emulator.counters().calls(DataPlane.EXECUTE_OPERATION)).isEqualTo(before + 2);
    }

    @Test
    void emptyOrAbsentGreeterGreetsTheWorld() {
        GreetingRecipe.Api api = recipe.createApi("world", helloWorld, options());
        assertThat(json(recipe.get(recipe.url(api, "/greeting?greeter="))).path("body").asText()).isEqualTo("Hello, World");
        // the tutorial's template always sends a greeter key, empty when the parameter is absent
        assertThat(json(recipe.get(recipe.url(api, "/greeting"))).path("body").asText()).isEqualTo("Hello, World");
    }

    @Test
    void aQuoteInTheGreeterBreaksTheTutorialTemplateButNotAnEscapingOne() {
        URI quoted = URI.create("/greeting?greeter=say%20%22hi%22");
        GreetingRecipe.Api tutorial = recipe.createApi("unescaped", helloWorld, options());
        HttpResponse<String> broken = recipe.get(recipe.url(tutorial, quoted.toString()));
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).isEqualTo("{\"message\":\"Internal server error\"}");

        GreetingRecipe.Api escaping = recipe.createApi("escaped", helloWorld,
                options().template(GreetingRecipe.ESCAPING_TEMPLATE));
        HttpResponse<String> ok = recipe.get(recipe.url(escaping, quoted.toString()));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).path("body").asText()).isEqualTo("Hello, say \"hi\"!");

        // AWS documents that escapeJavaScript turns ' into \', which JSON does not accept
        URI apostrophe = URI.create("/greeting?greeter=it%27s");
        assertThat(recipe.get(recipe.url(escaping, apostrophe.toString())).statusCode()).isEqualTo(500);
        GreetingRecipe.Api documented = recipe.createApi("escaped-documented", helloWorld, options().template(
                "{\"greeter\":\"$util.escapeJavaScript($input.params('greeter')).replaceAll(\"\\\\'\",\"'\")\"}"));
        assertThat(json(recipe.get(recipe.url(documented, apostrophe.toString()))).path("body").asText())
                .isEqualTo("Hello, it's!");
    }

    @Test
    void requiredParameterWithAValidatorIsCheckedAtTheGateway() {
        GreetingRecipe.Api api = recipe.createApi("required", helloWorld, options().requiredWithValidator());
        HttpResponse<String> missing = recipe.get(recipe.url(api, "/greeting"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("message").asText()).isEqualTo("Missing required request parameters: [greeter]");
        assertThat(missing.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");

        assertThat(recipe.get(recipe.url(api, "/greeting?greeter=you")).statusCode()).isEqualTo(200);
    }

    @Test
    void aLambdaErrorMapsTo400ThroughASelectionPatternAndTo200WithoutOne() {
        String noGreeter = "{}";
        GreetingRecipe.Api mapped = recipe.createApi("mapped-error", helloWorld, options().template(noGreeter)
                .errorResponse("400", "Missing the required greeter parameter\\.", "{\"error\": \"$input.path('$.errorMessage')\"}"));
        HttpResponse<String> response = recipe.get(recipe.url(mapped, "/greeting"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").asText()).isEqualTo("Missing the required greeter parameter.");

        // as in AWS, an unmapped function error goes out through the default response
        GreetingRecipe.Api unmapped = recipe.createApi("unmapped-error", helloWorld, options().template(noGreeter));
        HttpResponse<String> passed = recipe.get(recipe.url(unmapped, "/greeting"));
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(json(passed).path("errorMessage").asText()).isEqualTo("Missing the required greeter parameter.");
        assertThat(json(passed).path("errorType").asText()).isEqualTo("Error");
    }

    @Test
    void anUndeployedChangeIsNotServedUntilRedeployedButTestInvokeMethodSeesIt() {
        GreetingRecipe.Api api = recipe.createApi("redeploy", helloWorld, options());
        recipe.changeTemplate(api, "{\"greeter\":\"changed\"}");

        assertThat(json(recipe.get(recipe.url(api, "/greeting?greeter=me"))).path("body").asText()).isEqualTo("Hello, me!");

        TestInvokeMethodResponse test = recipe.apigw.testInvokeMethod(b -> b.restApiId(api.id())
                .resourceId(api.resourceId()).httpMethod("GET").pathWithQueryString("/greeting?greeter=me"));
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body()).contains("Hello, changed!");
        assertThat(test.headers()).containsEntry("Content-Type", "application/json");
        assertThat(test.multiValueHeaders().get("Content-Type")).containsExactly("application/json");
        assertThat(test.latency()).isNotNegative();
        assertThat(test.log())
                .contains("Method request query string: {greeter=me}")
                .contains("Endpoint request body after transformations: {\"greeter\":\"changed\"}")
                .contains("Endpoint response body before transformations: {\"statusCode\":200")
                .contains("Method response body after transformations: {\"statusCode\":200")
                .contains("Method completed with status: 200");

        recipe.redeploy(api);
        assertThat(json(recipe.get(recipe.url(api, "/greeting?greeter=me"))).path("body").asText())
                .isEqualTo("Hello, changed!");
    }

    @Test
    void unknownApiStageOrRouteIsMissingAuthenticationToken() {
        GreetingRecipe.Api api = recipe.createApi("routes", helloWorld, options());
        for (URI uri : new URI[] {
                URI.create(recipe.emulator.endpoint() + "/_aws/execute-api/nope/test/greeting"),
                URI.create(recipe.emulator.endpoint() + "/_aws/execute-api/" + api.id() + "/prod/greeting"),
                recipe.url(api, "/other"),
                recipe.url(api, ""),
                recipe.userRequestUrl(api, "/greeting/deeper")}) {
            HttpResponse<String> response = recipe.get(uri);
            assertThat(response.statusCode()).as(uri.toString()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        }
    }

    @Test
    void withoutPermissionOrFunctionTheIntegrationFails() {
        GreetingRecipe.Api noPermission = recipe.createApi("no-permission", helloWorld, options().withoutPermission());
        HttpResponse<String> denied = recipe.get(recipe.url(noPermission, "/greeting?greeter=me"));
        assertThat(denied.statusCode()).isEqualTo(500);
        assertThat(denied.body()).isEqualTo("{\"message\":\"Internal server error\"}");
        TestInvokeMethodResponse test = recipe.apigw.testInvokeMethod(b -> b.restApiId(noPermission.id())
                .resourceId(noPermission.resourceId()).httpMethod("GET").pathWithQueryString("/greeting"));
        assertThat(test.log()).contains("Invalid permissions on Lambda function");

        String gone = recipe.createHelloWorld("Ephemeral");
        GreetingRecipe.Api orphan = recipe.createApi("orphan", gone, options());
        recipe.lambda.deleteFunction(b -> b.functionName("Ephemeral"));
        assertThat(recipe.get(recipe.url(orphan, "/greeting?greeter=me")).statusCode()).isEqualTo(500);
    }

    @Test
    void timedOutAndCrashingHandlersAnswerWithoutHangingTheGateway() {
        String slow = recipe.createFunction("Sleepy", Map.of("index.js",
                "exports.handler = async (e) => { if (e.greeter === 'wait') await new Promise(() => setInterval(() => {}, 1000));"
                        + " return 'awake'; };"), 1);
        GreetingRecipe.Api slowApi = recipe.createApi("sleepy", slow, options()
                .errorResponse("504", ".*Task timed out after \\d+\\.\\d+ seconds", "{\"message\": \"too slow\"}"));
        HttpResponse<String> timedOut = recipe.get(recipe.url(slowApi, "/greeting?greeter=wait"));
        assertThat(timedOut.statusCode()).isEqualTo(504);
        assertThat(json(timedOut).path("message").asText()).isEqualTo("too slow");
        assertThat(recipe.get(recipe.url(slowApi, "/greeting?greeter=now")).body()).isEqualTo("\"awake\"");

        String crashing = recipe.createFunction("Crashing", Map.of("index.js",
                "exports.handler = async (e) => { if (e.greeter === 'crash') process.exit(1); return 'fine'; };"), 3);
        GreetingRecipe.Api crashApi = recipe.createApi("crashing", crashing, options());
        HttpResponse<String> crashed = recipe.get(recipe.url(crashApi, "/greeting?greeter=crash"));
        assertThat(crashed.statusCode()).isEqualTo(200);
        assertThat(json(crashed).path("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(json(crashed).path("errorMessage").asText()).endsWith("Runtime exited with error: exit status 1");
        assertThat(recipe.get(recipe.url(crashApi, "/greeting?greeter=again")).body()).isEqualTo("\"fine\"");
    }
}
