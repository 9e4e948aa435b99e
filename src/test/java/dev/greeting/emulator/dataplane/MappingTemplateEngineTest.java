package dev.greeting.emulator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingTemplateEngineTest {
    private final MappingTemplateEngine engine = new MappingTemplateEngine();

    private static TemplateInput input(String body, Map<String, String> query) {
        Map<String, Object> context = ContextVariables.of(new ContextVariables.Request("req-1", "123456789012", "abc123",
                "test", "GET", "/greeting/{id}", "res1", "/test/greeting/42", "abc123.execute-api.us-west-2.amazonaws.com",
                "127.0.0.1", "curl/8", Instant.parse("2026-01-02T03:04:05Z")));
        return new TemplateInput(body, Map.of("id", "42"), query, Map.of("X-Trace", "t-1", "id", "header-id"),
                context, Map.of("env", "dev"));
    }

    private String render(String template, TemplateInput input) {
        return engine.render(template, input);
    }

    @Test
    void tutorialTemplateReadsTheQueryParameter() {
        String template = "{\"greeter\":\"$input.params('greeter')\"}";
        assertThat(render(template, input("", Map.of("greeter", "me")))).isEqualTo("{\"greeter\":\"me\"}");
        assertThat(render(template, input("", Map.of()))).as("absent parameter renders empty")
                .isEqualTo("{\"greeter\":\"\"}");
    }

    @Test
    void unescapedQuoteBreaksJsonAndEscapeJavaScriptKeepsItValid() throws Exception {
        TemplateInput quoted = input("", Map.of("greeter", "say \"hi\""));
        String raw = render("{\"greeter\":\"$input.params('greeter')\"}", quoted);
        assertThatThrownBy(() -> Json.MAPPER.readTree(raw)).isInstanceOf(Exception.class);

        String escaped = render("{\"greeter\":\"$util.escapeJavaScript($input.params('greeter'))\"}", quoted);
        JsonNode node = Json.MAPPER.readTree(escaped);
        assertThat(node.get("greeter").asText()).isEqualTo("say \"hi\"");
    }

    @Test
    void paramsLookupOrderIsPathThenQueryThenHeader() {
        TemplateInput in = input("", Map.of("id", "query-id", "q", "1"));
        assertThat(render("$input.params('id')|$input.params('q')|$input.params('x-trace')", in))
                .isEqualTo("42|1|t-1");
        assertThat(render("$input.params().path.id $input.params().querystring.q $input.params().header.get('X-Trace')", in))
                .isEqualTo("42 1 t-1");
        assertThat(render("#foreach($type in $input.params().keySet())$type #end", in)).isEqualTo("path querystring header ");
    }

    @Test
    void jsonAndPathEvaluateJsonPathOnTheBody() {
        TemplateInput in = input("{\"pets\":[{\"id\":1,\"price\":249.99},{\"id\":2,\"price\":0.5}],\"name\":\"x\"}", Map.of());
        assertThat(render("$input.json('$.pets[0]')", in)).isEqualTo("{\"id\":1,\"price\":249.99}");
        assertThat(render("$input.json('$.name')", in)).isEqualTo("\"x\"");
        assertThat(render("$input.path('$.pets').size() $input.path('$.pets[1].price') $input.path('$.name')", in))
                .isEqualTo("2 0.5 x");
        assertThat(render("#foreach($p in $input.path('$.pets'))$p.id;#end", in)).isEqualTo("1;2;");
        assertThat(render("[$input.json('$.missing')]", in)).isEqualTo("[]");
        assertThat(render("$input.body", in)).startsWith("{\"pets\":");
        assertThat(render("$input.json('$')", input("", Map.of()))).isEqualTo("{}");
    }

    @Test
    void aBodyThatIsNotJsonIsA400WhenTheTemplateReadsItAsJson() {
        assertThatThrownBy(() -> render("$input.json('$')", input("not json", Map.of())))
                .isInstanceOfSatisfying(MappingTemplateException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("Could not parse request body into json");
                });
        assertThat(render("$input.body", input("not json", Map.of()))).isEqualTo("not json");
    }

    @Test
    void utilFunctions() {
        TemplateInput in = input("", Map.of());
        assertThat(render("$util.escapeJavaScript($input.params('v'))", input("", Map.of("v", "it's \"x\" a/b \\ é\n"))))
                .isEqualTo("it\\'s \\\"x\\\" a\\/b \\\\ \\u00E9\\n");
        assertThat(render("$util.urlEncode('a b&c=d/é')", in)).isEqualTo("a+b%26c%3Dd%2F%C3%A9");
        assertThat(render("$util.urlDecode('a+b%26c')", in)).isEqualTo("a b&c");
        assertThat(render("$util.base64Encode('hello world')", in)).isEqualTo("aGVsbG8gd29ybGQ=");
        assertThat(render("$util.base64Decode('aGVsbG8gd29ybGQ=')", in)).isEqualTo("hello world");
        assertThat(render("#set($o = $util.parseJson('{\"key2\":{\"arr\":[1,2,3]}}'))$o.key2.arr[0]", in)).isEqualTo("1");
    }

    @Test
    void errorMessageParsedFromALambdaError() {
        TemplateInput in = input("{\"errorMessage\":\"{\\\"key1\\\":\\\"var1\\\",\\\"key2\\\":{\\\"arr\\\":[1,2,3]}}\"}", Map.of());
        String template = "#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))\n"
                + "{\"v\" : $errorMessageObj.key2.arr[0]}";
        assertThat(render(template, in)).isEqualTo("{\"v\" : 1}");
    }

    @Test
    void contextAndStageVariables() {
        String template = "$context.requestId $context.stage $context.httpMethod $context.resourcePath "
                + "$context.resourceId $context.apiId $context.accountId $context.identity.sourceIp "
                + "$context.requestTime $stageVariables.env ${stageVariables['env']}";
        assertThat(render(template, input("", Map.of()))).isEqualTo(
                "req-1 test GET /greeting/{id} res1 abc123 123456789012 127.0.0.1 02/Jan/2026:03:04:05 +0000 dev dev");
    }

    @Test
    void undefinedReferencesRenderAsNothing() {
        assertThat(render("[$context.identity.apiKey][$nothing][$context.no.such]", input("", Map.of())))
                .isEqualTo("[][][]");
    }

    @Test
    void directivesBehaveAsInApiGateway() {
        String template = """
                #set($name = $input.params('greeter'))
                #if($name == "")
                {"greeting": "Hello, World"}
                #else
                {"greeting": "Hello, $name"}
                #end
                """;
        assertThat(render(template, input("", Map.of("greeter", "me"))).strip()).isEqualTo("{\"greeting\": \"Hello, me\"}");
        assertThat(render(template, input("", Map.of())).strip()).isEqualTo("{\"greeting\": \"Hello, World\"}");
    }

    @Test
    void responseOverrideCanBeSetByATemplate() {
        TemplateInput in = input("", Map.of());
        render("#set($context.responseOverride.status = 404)#set($context.responseOverride.header.X-Why = 'gone')", in);
        Map<String, Object> override = MappingTemplateEngine.responseOverride(in.context());
        assertThat(override.get("status")).isEqualTo(404);
        assertThat(((Map<?, ?>) override.get("header")).get("X-Why")).isEqualTo("gone");
    }

    @Test
    void templatesCannotReachJavaInternals() {
        String out = render("$context.getClass().forName('java.lang.Runtime')", input("", Map.of()));
        assertThat(out).doesNotContain("java.lang.Runtime@");
    }

    @Test
    void unusableTemplateIsA500() {
        assertThatThrownBy(() -> render("#if(", input("", new LinkedHashMap<>())))
                .isInstanceOfSatisfying(MappingTemplateException.class, e -> assertThat(e.status()).isEqualTo(500));
    }
}
