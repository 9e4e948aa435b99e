package dev.greeting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.emulator.dataplane.MappingTemplateEngine;
import dev.greeting.emulator.dataplane.TemplateInput;
import dev.greeting.emulator.dataplane.UtilVariable;
import dev.greeting.model.SpecRules;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.commons.lang3.StringEscapeUtils;

/**
 * The integration's request template, rendered by the emulator's VTL engine (as its data plane does):
 * for any parameter name the CRD admits and any query value, the function gets valid JSON whose
 * {@code greeter} is exactly the value; and no spec value other than the validated name reaches the template.
 */
class RequestTemplatePropertiesTest {
    private static final int TRIES = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MappingTemplateEngine ENGINE = new MappingTemplateEngine();
    private static final Pattern CRD_PARAMETER = Pattern.compile(SpecRules.PARAMETER_PATTERN);
    /** Stands for the parameter name in the template's fixed shape; appears nowhere else in it. */
    private static final String PLACEHOLDER = "Zq";

    @Property(tries = TRIES)
    void anyQueryValueArrivesAsExactlyThatGreeter(@ForAll("parameterNames") String parameter,
                                                  @ForAll("queryValues") String value) {
        DesiredState desired = Fixtures.desired(s -> s.setGreeterParameter(parameter));

        JsonNode event = render(desired.requestTemplate(), Map.of(parameter, value));

        assertThat(event.isObject()).isTrue();
        assertThat(event.size()).isEqualTo(1);
        assertThat(event.path("greeter").isTextual()).isTrue();
        assertThat(event.path("greeter").asText()).isEqualTo(value);
    }

    @Property(tries = TRIES)
    void anAbsentParameterIsAnEmptyGreeter(@ForAll("parameterNames") String parameter) {
        // another parameter with a near name must not leak in either
        JsonNode event = render(DesiredState.requestTemplate(parameter), Map.of(parameter + "x", "other"));
        assertThat(event.path("greeter").asText()).isEmpty();
        assertThat(event.size()).isEqualTo(1);
    }

    /**
     * The template is a fixed shape with the parameter name in one place, inside a single-quoted
     * VTL literal; path, stage, API name and tags never reach it, whatever they are.
     */
    @Property(tries = TRIES)
    void onlyTheValidatedParameterNameReachesTheTemplate(@ForAll("parameterNames") String parameter,
                                                         @ForAll("paths") String path,
                                                         @ForAll("apiNames") String apiName,
                                                         @ForAll("stages") String stage) {
        DesiredState desired = Fixtures.desired(s -> {
            s.setGreeterParameter(parameter);
            s.setPath(path);
            s.setApiName(apiName);
            s.setStage(stage);
            s.setTags(Map.of("note", apiName));
        });

        String shape = DesiredState.requestTemplate(PLACEHOLDER);
        assertThat(desired.requestTemplate())
                .isEqualTo(shape.replace("('" + PLACEHOLDER + "')", "('" + parameter + "')"));
        assertThat(desired.requestTemplates()).containsOnlyKeys(DesiredState.TEMPLATE_CONTENT_TYPE);
    }

    /** A name that could close the quote, start a reference or directive, or escape is refused before any template. */
    @Property(tries = TRIES)
    void aParameterNameTheCrdRefusesNeverBecomesATemplate(@ForAll("hostileParameterNames") String parameter) {
        assertThat(CRD_PARAMETER.matcher(parameter).matches()).isFalse();
        assertThatThrownBy(() -> Fixtures.desired(s -> s.setGreeterParameter(parameter)))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("greeterParameter");
        assertThatThrownBy(() -> DesiredState.requestTemplate(parameter)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The emulator's $util.escapeJavaScript is the one AWS runs: Commons Lang's JavaScript (ECMAScript) escaping. */
    @Property(tries = TRIES)
    void escapeJavaScriptIsCommonsLangEscaping(@ForAll("queryValues") String value) {
        // commons-lang3 comes with Velocity; used here only as the reference implementation
        assertThat(new UtilVariable().escapeJavaScript(value)).isEqualTo(StringEscapeUtils.escapeEcmaScript(value));
    }

    @Example
    void theAwsIdiomForTheDefaultParameter() {
        assertThat(Fixtures.desired().requestTemplate())
                .isEqualTo("{\"greeter\":\"$util.escapeJavaScript($input.params('greeter')).replaceAll(\"\\\\'\",\"'\")\"}");
        assertThat(render(Fixtures.desired().requestTemplate(), Map.of("greeter", "it's \"me\" \\ /\n\u00e9\uD83D\uDE00"))
                .path("greeter").asText()).isEqualTo("it's \"me\" \\ /\n\u00e9\uD83D\uDE00");
    }

    private static JsonNode render(String template, Map<String, String> query) {
        String body = ENGINE.render(template, new TemplateInput("", Map.of(), query, Map.of(), null, Map.of()));
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("the rendered template is not JSON: " + body, e);
        }
    }

    @Provide
    Arbitrary<String> parameterNames() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').numeric().withChars("_.-")
                .ofMaxLength(127);
        Arbitrary<String> generated = Combinators.combine(first, rest).as((f, r) -> f + r);
        return Arbitraries.oneOf(generated, Arbitraries.of("greeter", "name", "a", "a.b", "a-b", "a_b", "A9..--__"))
                .filter(p -> CRD_PARAMETER.matcher(p).matches());
    }

    /** Quotes, backslashes, VTL syntax, control characters, line separators, non-ASCII and emoji, mixed with anything. */
    @Provide
    Arbitrary<String> queryValues() {
        Arbitrary<String> nasty = Arbitraries.of("'", "\"", "\\", "\\'", "\\\\'", "'\\", "/", "\n", "\r\n", "\t", "\b", "\f",
                "\u0000", "\u001f", "\u007f", "\u2028", "\u2029", "\uFEFF", "\u00e9", "\u4e2d", "\uD83D\uDE00",
                "\uD83D\uDC4B\uD83C\uDFFD", "$", "#", "${x}", "$input.params('greeter')", "#set($a = 1)", "##", "#*",
                "}", "{", "\"}", "\\u0041", "%22", " ");
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(6);
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .map(Character::toString).list().ofMaxSize(4).map(l -> String.join("", l));
        return Arbitraries.frequencyOf(
                        Tuple.of(3, nasty), Tuple.of(2, anyChars), Tuple.of(2, codePoints))
                .list().ofMaxSize(10).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> hostileParameterNames() {
        Arbitrary<String> breaker = Arbitraries.of("'", "\"", "\\", "$", "#", "(", ")", " ", "\n", "{", "}", "')+'", "'))",
                "${x}", "#set($a=1)", "\u00e9", "/", "=", "&");
        Arbitrary<String> prefix = Arbitraries.strings().alpha().ofMaxLength(5);
        Arbitrary<String> suffix = Arbitraries.strings().alpha().numeric().ofMaxLength(5);
        return Combinators.combine(prefix, breaker, suffix).as((p, b, s) -> p + b + s);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> part = Arbitraries.strings().alpha().numeric().withChars("._-").ofMinLength(1).ofMaxLength(12)
                .filter(p -> !p.equals(".") && !p.equals(".."));
        return part.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("/", parts));
    }

    /** Free text as the CRD allows it: no control characters, but quotes, VTL syntax and the template's own words. */
    @Provide
    Arbitrary<String> apiNames() {
        Arbitrary<String> words = Arbitraries.of("'", "\"", "\\", "$input.params('x')", "#set($a=1)", "greeter", "\u00e9",
                "\uD83D\uDE00", "}", " ");
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8);
        return Arbitraries.oneOf(words, text).list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l))
                .filter(n -> n.length() <= SpecRules.MAX_API_NAME && !n.isBlank());
    }

    @Provide
    Arbitrary<String> stages() {
        return Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(20);
    }

    @Example
    void theFixedShapeHasThePlaceholderOnce() {
        String shape = DesiredState.requestTemplate(PLACEHOLDER);
        assertThat(shape.split(PLACEHOLDER, -1)).hasSize(2);
        assertThat(shape).contains("$input.params('" + PLACEHOLDER + "')");
    }
}
