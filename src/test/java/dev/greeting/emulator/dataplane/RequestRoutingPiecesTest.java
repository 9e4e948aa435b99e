package dev.greeting.emulator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Resource matching, integration response selection, Lambda URIs and required parameters. */
class RequestRoutingPiecesTest {
    private static final List<String> PATHS = List.of("/", "/greeting", "/pets", "/pets/{id}", "/pets/mine",
            "/{proxy+}", "/files/{key+}");

    private static String match(String path) {
        return ResourceMatcher.match(PATHS, Function.identity(), path)
                .map(m -> m.resource() + " " + m.pathParams()).orElse("none");
    }

    @Test
    void literalBeatsVariableBeatsGreedy() {
        assertThat(match("/")).isEqualTo("/ {}");
        assertThat(match("")).isEqualTo("/ {}");
        assertThat(match("/greeting")).isEqualTo("/greeting {}");
        assertThat(match("/greeting/")).isEqualTo("/greeting {}");
        assertThat(match("/pets/mine")).isEqualTo("/pets/mine {}");
        assertThat(match("/pets/42")).isEqualTo("/pets/{id} {id=42}");
        assertThat(match("/pets/42/toys")).isEqualTo("/{proxy+} {proxy=pets/42/toys}");
        assertThat(match("/files/a/b.txt")).isEqualTo("/files/{key+} {key=a/b.txt}");
        assertThat(match("/Greeting")).isEqualTo("/{proxy+} {proxy=Greeting}");
        assertThat(ResourceMatcher.match(List.of("/", "/greeting"), Function.identity(), "/other")).isEmpty();
    }

    record Response(String status, String pattern) {}

    private static String select(List<Response> responses, String errorMessage) {
        return ResponseSelection.select(responses, Response::status, Response::pattern, errorMessage)
                .map(Response::status).orElse("none");
    }

    @Test
    void selectionPatternsMatchTheWholeErrorMessage() {
        List<Response> responses = List.of(new Response("200", ""), new Response("400", "Missing.*"),
                new Response("504", ".*Task timed out.*"), new Response("500", "[("));
        assertThat(select(responses, null)).isEqualTo("200");
        assertThat(select(responses, "Missing the required greeter parameter.")).isEqualTo("400");
        assertThat(select(responses, "The greeter is Missing")).as("full match only").isEqualTo("200");
        assertThat(select(responses, "RequestId: x Error: Task timed out after 3.00 seconds")).isEqualTo("504");
        assertThat(select(List.of(new Response("400", "Missing.*")), "other")).isEqualTo("none");
        assertThat(select(List.of(new Response("201", null)), "anything")).isEqualTo("201");
    }

    @Test
    void lambdaUriWithStageVariables() {
        String fn = "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld";
        assertThat(LambdaIntegrationUri.parse("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + fn
                + "/invocations", Map.of())).contains(new LambdaIntegrationUri("us-east-1", fn));
        assertThat(LambdaIntegrationUri.parse("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                + "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations", Map.of("fn", "Hi")))
                .map(LambdaIntegrationUri::function).contains("arn:aws:lambda:us-east-1:123456789012:function:Hi");
        assertThat(LambdaIntegrationUri.parse("http://example.com/", Map.of())).isEmpty();
    }

    @Test
    void requiredParameters() {
        Map<String, Boolean> declared = new LinkedHashMap<>();
        declared.put("method.request.querystring.greeter", true);
        declared.put("method.request.querystring.optional", false);
        declared.put("method.request.header.X-Trace", true);
        declared.put("method.request.path.id", true);
        List<String> missing = RequiredParameters.missing(declared, Map.of(), Map.of("x-trace", "1"), Map.of("id", "7"));
        assertThat(missing).containsExactly("greeter");
        assertThat(RequiredParameters.message(missing)).isEqualTo("Missing required request parameters: [greeter]");
        assertThat(RequiredParameters.missing(declared, Map.of("greeter", ""), Map.of(), Map.of()))
                .containsExactly("X-Trace", "id");
    }
}
