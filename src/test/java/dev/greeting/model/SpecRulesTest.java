package dev.greeting.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.model.GreetingApiAdmissionTest.Case;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SpecRules#problems} decides like the API server does, on the same table of manifests. */
class SpecRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Refusals that happen before there is a GreetingApiSpec to look at (Jackson coerces, drops or refuses them). */
    private static final Set<String> NOT_IN_THE_MODEL = Set.of("type", "unknown field", "enum");

    static Stream<Case> good() {
        return GreetingApiAdmissionTest.good();
    }

    static Stream<Case> bad() {
        return GreetingApiAdmissionTest.bad()
                .filter(c -> c.expected().stream().noneMatch(v -> NOT_IN_THE_MODEL.contains(v.reason())));
    }

    @ParameterizedTest(name = "no problem with {0}")
    @MethodSource("good")
    void findsNoProblemInWhatAdmissionAccepts(Case good) {
        // the reconciler sees the stored object: nulls pruned, defaults applied
        JsonNode stored = GreetingApiAdmissionTest.ADMISSION.admit(good.manifest()).stored();
        assertThat(SpecRules.problems(spec(stored))).as(good.name()).isEmpty();
    }

    @ParameterizedTest(name = "a problem with {0}")
    @MethodSource("bad")
    void findsAProblemInWhatAdmissionRefuses(Case bad) {
        assertThat(SpecRules.problems(spec(bad.manifest()))).as(bad.name()).isNotEmpty()
                .allSatisfy(problem -> assertThat(bad.expected()).anySatisfy(v -> assertThat(problem).startsWith(v.field())));
    }

    @Test
    void namesTheFieldAndTheRule() {
        GreetingApiSpec spec = new GreetingApiSpec();
        spec.setFunctionArn("arn:aws:lambda:us-east-1:123456789012:function:HelloWorld");
        spec.setPath("greeting");
        spec.setStage("test");
        spec.setGreeterParameter("gr'eeter");
        spec.getTags().put("aws:x", "y");
        assertThat(SpecRules.problems(spec)).containsExactly(
                "spec.greeterParameter must match " + SpecRules.PARAMETER_PATTERN,
                "spec.tags: " + SpecRules.AWS_TAG_MESSAGE);
    }

    private static GreetingApiSpec spec(JsonNode manifest) {
        JsonNode spec = manifest.get("spec");
        return spec == null ? null : MAPPER.convertValue(spec, GreetingApiSpec.class);
    }
}
