package dev.greeting.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.model.GreetingApiAdmissionTest.Case;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.RealKube;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admission table of {@link GreetingApiAdmissionTest} against a real kube-apiserver with the
 * committed CRD installed: every good manifest is accepted, every bad one refused for exactly the
 * expected reasons. Server-side dry run ({@code dryRun=All}): the server runs its whole admission
 * chain (decoding, pruning, defaulting, schema, CEL) and answers with the object it would store,
 * but stores nothing, so a case costs milliseconds and needs no clean-up.
 */
@ExtendWith(RealKube.class)
class RealServerAdmissionTest {
    private static final JsonNode SCHEMA = GreetingApiAdmissionTest.SCHEMA;
    private static ApiServerAdmission real;

    @BeforeAll
    static void connect(RealKubeApiServer server) {
        real = ApiServerAdmission.inNewNamespace(server.newClient(), "admission");
    }

    @AfterAll
    static void disconnect() {
        if (real != null) {
            real.close();
        }
    }

    @ParameterizedTest(name = "accepts {0}")
    @MethodSource("dev.greeting.model.GreetingApiAdmissionTest#good")
    void acceptsEveryGoodManifest(Case good) {
        ServerVerdict verdict = real.dryRunCreate(good.manifest());
        assertThat(verdict.code()).as("%s: %s", good.name(), verdict).isEqualTo(201);
        assertThat(verdict.warnings()).as(good.name()).isEmpty();
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("dev.greeting.model.GreetingApiAdmissionTest#bad")
    void refusesEveryBadManifestNamingTheField(Case bad) {
        ServerVerdict verdict = real.dryRunCreate(bad.manifest());
        boolean unknownField = bad.expected().stream().anyMatch(v -> v.reason().equals("unknown field"));
        assertThat(verdict.code()).as("%s: %s", bad.name(), verdict).isEqualTo(unknownField ? 400 : 422);
        assertThat(verdict.body().path("reason").asText()).isEqualTo(unknownField ? "BadRequest" : "Invalid");
        assertThat(verdict.violations(SCHEMA)).as("%s: %s", bad.name(), verdict).containsExactlyInAnyOrderElementsOf(bad.expected());

        for (ServerVerdict.Cause cause : verdict.causes()) {
            JsonNode rule = ServerVerdict.celRule(cause.message(), SCHEMA);
            if (rule != null) {
                assertThat(cause.reason()).as("%s: the reason the CEL rule declares", bad.name())
                        .isEqualTo(rule.path("reason").asText());
            }
        }
        assertThat(verdict.ruleCheckingBlocked()).as("%s: the server says it skipped the CEL rules", bad.name())
                .isEqualTo(bad.expected().stream().anyMatch(v -> Admission.BLOCKING.contains(v.reason())));
    }

    /**
     * The API server estimates each CEL rule's cost when a CRD is written, and refuses a CRD whose rules
     * could exceed the budget (or warns). Both ways the committed CRD can be written pass cleanly: a
     * create (under another group, dry run: the full create validation) and the server-side apply that
     * {@link RealKubeApiServer#installCrds} sends on the installed one.
     */
    @Test
    void theCommittedCrdPassesTheCelCostEstimateWithoutWarnings() {
        ServerVerdict created = real.dryRunCreateCrd(inAnotherGroup(GeneratedCrd.crd()));
        assertThat(created.code()).as("%s", created).isEqualTo(201);
        assertThat(created.warnings()).isEmpty();

        ServerVerdict applied = real.dryRunApply(GeneratedCrd.crd(), "admission-test");
        assertThat(applied.code()).as("%s", applied).isEqualTo(200);
        assertThat(applied.warnings()).isEmpty();
        assertThat(applied.body().path("status").path("conditions").findValuesAsText("type")).contains("Established")
                .doesNotContain("NonStructuralSchema");
    }

    /** The control for the test above: the dry run does estimate costs, and says so. */
    @Test
    void aCrdWhoseRulesCostTooMuchIsRefused() {
        ObjectNode crd = inAnotherGroup(GeneratedCrd.crd());
        ObjectNode tags = (ObjectNode) crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema")
                .path("properties").path("spec").path("properties").path("tags");
        tags.remove("maxProperties");
        ((ArrayNode) tags.get("x-kubernetes-validations")).addObject()
                .put("rule", "self.all(k, self.all(j, k.matches(j)))").put("message", "quadratic in unbounded keys");
        ServerVerdict refused = real.dryRunCreateCrd(crd);
        assertThat(refused.code()).as("%s", refused).isEqualTo(422);
        assertThat(refused.body().path("message").asText()).contains("estimated rule cost exceeds budget");
    }

    /** A copy of a CRD that can be created next to the installed one. */
    private static ObjectNode inAnotherGroup(JsonNode crd) {
        ObjectNode copy = crd.deepCopy();
        copy.with("metadata").put("name", GreetingApi.PLURAL + ".cost-probe." + GreetingApi.GROUP);
        copy.with("spec").put("group", "cost-probe." + GreetingApi.GROUP);
        return copy;
    }
}
