package dev.greeting.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.model.GreetingApiAdmissionTest.Case;
import dev.greeting.sandbox.kube.KubeApiServer;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.RealKube;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Four judges of every manifest of the admission table, and the real kube-apiserver is the one that
 * is right: the project's admission model ({@link Admission}), {@link SpecRules} (the reconciler's
 * copy of the rules), the embedded {@link KubeApiServer} and the real server. Prints the cases where
 * a judge disagrees with the real server and fails if there is one.
 *
 * <p>"Agrees" means, per judge:
 * <ul>
 * <li>the table's expectation and the model: the same verdict, accepted or refused for the same set of
 *     (field, schema keyword or CEL message) — the real server's causes read in that vocabulary by
 *     {@link ServerVerdict#violations}; where the real server accepts, the model's object to store has the
 *     same apiVersion, kind, spec and status as the one the real server would store;</li>
 * <li>the embedded server: the same HTTP code and Status reason, the same causes (reason, field and
 *     message, word for word, in any order) or for a 400 the same message, and for an accepted manifest
 *     the same apiVersion, kind, spec and status;</li>
 * <li>SpecRules, which judges a GreetingApiSpec, so only what Jackson can bind: where the real server
 *     accepts, SpecRules finds no problem in the object the server would store; where it refuses only for
 *     rules SpecRules implements (all but {@link #BEFORE_THE_MODEL}), SpecRules names exactly the fields the
 *     server names (the field of a problem is its text up to the first space, without a trailing colon);
 *     where the server refuses a type, an enum value or an unknown field, SpecRules is not asked: such a
 *     spec does not bind to the model (or binds coerced).</li>
 * </ul>
 */
@ExtendWith(RealKube.class)
class AdmissionAgreementTest {
    private static final JsonNode SCHEMA = GreetingApiAdmissionTest.SCHEMA;
    /** Refusals for what cannot be a GreetingApiSpec at all: SpecRules never sees such a spec. */
    static final Set<String> BEFORE_THE_MODEL = Set.of("type", "enum", "unknown field");
    private static final Set<String> COMPARED_FIELDS = Set.of("apiVersion", "kind", "spec", "status");

    private static ApiServerAdmission real;
    private static KubeApiServer embeddedServer;
    private static ApiServerAdmission embedded;

    @BeforeAll
    static void start(RealKubeApiServer server) {
        real = ApiServerAdmission.inNewNamespace(server.newClient(), "agreement");
        embeddedServer = KubeApiServer.start();
        embeddedServer.installCrds(RealKube.CRD);
        embedded = ApiServerAdmission.inNewNamespace(embeddedServer.newClient(), "agreement");
    }

    @AfterAll
    static void stop() {
        if (embedded != null) {
            embedded.close();
        }
        if (embeddedServer != null) {
            embeddedServer.close();
        }
        if (real != null) {
            real.close();
        }
    }

    /** One case: each judge's verdict, and what it got wrong. */
    record Row(String name, String real, String table, String model, String specRules, String embedded, List<String> disagreements) {
    }

    @Test
    void everyJudgeReachesTheRealServersVerdict() {
        List<Row> rows = Stream.concat(GreetingApiAdmissionTest.good(), GreetingApiAdmissionTest.bad())
                .map(AdmissionAgreementTest::judge).toList();
        List<Row> disagreeing = rows.stream().filter(r -> !r.disagreements().isEmpty()).toList();
        System.out.println(table(rows));
        System.out.println(disagreeing.size() + " of " + rows.size() + " cases with a disagreement:");
        disagreeing.forEach(r -> System.out.println("- " + r.name() + "\n    " + String.join("\n    ", r.disagreements())));
        assertThat(disagreeing).as(() -> disagreeing.stream()
                .map(r -> r.name() + ": " + String.join(" | ", r.disagreements())).collect(Collectors.joining("\n"))).isEmpty();
    }

    /**
     * The defaulting cases of {@link GreetingApiAdmissionTest} created for real (not a dry run) and read
     * back: what the servers store after pruning and defaulting, and what the model says they store.
     */
    @Test
    void theStoredObjectsAgreeOnDefaultsAndPruning() {
        Map<String, ObjectNode> manifests = new LinkedHashMap<>();
        manifests.put("greeterParameter absent", GreetingApiAdmissionTest.helloWorldWith("greeterParameter", GreetingApiAdmissionTest.ABSENT));
        manifests.put("optional fields null", GreetingApiAdmissionTest.manifest("manifests/helm-rendered-nulls.yaml"));
        manifests.put("hello-world", GreetingApiAdmissionTest.helloWorld());
        manifests.put("DESIGN.md's full resource with status", GreetingApiAdmissionTest.manifest("manifests/design-full.yaml"));
        Map<String, JsonNode> storedOnReal = new LinkedHashMap<>();
        manifests.forEach((name, manifest) -> {
            JsonNode onReal = real.storedAfterCreate(manifest);
            JsonNode onEmbedded = embedded.storedAfterCreate(manifest);
            System.out.println(name + ": stored " + compared(onReal).path("spec") + "; metadata fields: real server "
                    + fieldNames(onReal.path("metadata")) + ", embedded " + fieldNames(onEmbedded.path("metadata")));
            assertThat(compared(onEmbedded)).as("embedded server, " + name).isEqualTo(compared(onReal));
            assertThat(compared(GreetingApiAdmissionTest.ADMISSION.admit(manifest).stored())).as("model, " + name)
                    .isEqualTo(compared(onReal));
            storedOnReal.put(name, onReal);
        });

        // theSchemaDefaultsAbsentFieldsAsDesignMdSays, on the real server
        JsonNode defaulted = storedOnReal.get("greeterParameter absent").path("spec");
        assertThat(defaulted.path("greeterParameter").asText()).isEqualTo("greeter");
        assertThat(defaulted.path("greeterRequired").isBoolean()).isTrue();
        assertThat(defaulted.path("greeterRequired").booleanValue()).isFalse();
        assertThat(defaulted.path("deletionPolicy").asText()).isEqualTo("Delete");
        assertThat(defaulted.has("region")).isFalse();
        // nullOptionalFieldsArePrunedThenDefaulted, on the real server
        assertThat(storedOnReal.get("optional fields null").path("spec")).isEqualTo(storedOnReal.get("hello-world").path("spec"));
    }

    static Row judge(Case c) {
        ServerVerdict onReal = real.dryRunCreate(c.manifest());
        ServerVerdict onEmbedded = embedded.dryRunCreate(c.manifest());
        Admission.Outcome modelled = GreetingApiAdmissionTest.ADMISSION.admit(c.manifest());
        Set<Violation> realViolations = onReal.violations(SCHEMA);
        List<String> disagreements = new ArrayList<>();

        String table = verdict(c.expected());
        String model = verdict(modelled.violations());
        String realVerdict = verdict(realViolations);
        disagree(disagreements, "table", table, realVerdict);
        disagree(disagreements, "model", model, realVerdict);
        if (onReal.accepted() && modelled.accepted()) {
            disagree(disagreements, "model's stored object", compared(modelled.stored()), compared(onReal.body()));
        }

        disagree(disagreements, "embedded code", onEmbedded.code() + " " + onEmbedded.body().path("reason").asText(""),
                onReal.code() + " " + onReal.body().path("reason").asText(""));
        disagree(disagreements, "embedded causes", causes(onEmbedded), causes(onReal));
        if (onReal.code() == 400) {
            disagree(disagreements, "embedded message", onEmbedded.body().path("message").asText(), onReal.body().path("message").asText());
        }
        if (onReal.accepted() && onEmbedded.accepted()) {
            disagree(disagreements, "embedded stored object", compared(onEmbedded.body()), compared(onReal.body()));
        }
        disagree(disagreements, "embedded warnings", onEmbedded.warnings().toString(), onReal.warnings().toString());

        String specRules = specRules(c, onReal, realViolations, disagreements);
        return new Row(c.name(), realVerdict, table, model, specRules, verdict(onEmbedded.violations(SCHEMA)), disagreements);
    }

    /** SpecRules' verdict, as defined in the class comment; adds a disagreement when it does not agree. */
    private static String specRules(Case c, ServerVerdict onReal, Set<Violation> realViolations, List<String> disagreements) {
        if (realViolations.stream().anyMatch(v -> BEFORE_THE_MODEL.contains(v.reason()))) {
            return "n/a";
        }
        JsonNode judged = onReal.accepted() ? onReal.body() : c.manifest();
        JsonNode spec = judged.get("spec");
        List<String> problems = SpecRules.problems(spec == null ? null : ApiServerAdmission.JSON.convertValue(spec, GreetingApiSpec.class));
        Set<String> fields = problems.stream().map(AdmissionAgreementTest::fieldOf).collect(Collectors.toCollection(TreeSet::new));
        Set<String> serverFields = realViolations.stream().map(Violation::field).collect(Collectors.toCollection(TreeSet::new));
        disagree(disagreements, "SpecRules fields", fields.toString(), serverFields.toString());
        return problems.isEmpty() ? "no problem" : "problems at " + fields;
    }

    /** "spec.tags: tag keys ..." -> spec.tags; "spec.path must match ..." -> spec.path. */
    static String fieldOf(String problem) {
        int space = problem.indexOf(' ');
        String field = space < 0 ? problem : problem.substring(0, space);
        return field.endsWith(":") ? field.substring(0, field.length() - 1) : field;
    }

    private static String verdict(java.util.Collection<Violation> violations) {
        return violations.isEmpty() ? "accepted" : "refused: " + ServerVerdict.describe(new HashSet<>(violations));
    }

    private static String causes(ServerVerdict verdict) {
        return verdict.causes().stream().map(c -> c.reason() + " " + c.field() + " " + c.message()).sorted()
                .collect(Collectors.joining("\n      ", "[", "]"));
    }

    /** The parts of an object admission decides: apiVersion, kind, spec, status (metadata is the server's own). */
    static JsonNode compared(JsonNode object) {
        ObjectNode parts = ApiServerAdmission.JSON.createObjectNode();
        object.fields().forEachRemaining(f -> {
            if (COMPARED_FIELDS.contains(f.getKey())) {
                parts.set(f.getKey(), f.getValue());
            }
        });
        return parts;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void disagree(List<String> disagreements, String what, Object judge, Object realServer) {
        if (!judge.equals(realServer)) {
            disagreements.add(what + ": " + judge + "  (real server: " + realServer + ")");
        }
    }

    private static String table(List<Row> rows) {
        Map<String, java.util.function.Function<Row, String>> columns = new LinkedHashMap<>();
        columns.put("case", Row::name);
        columns.put("real server", Row::real);
        columns.put("model", r -> r.model().equals(r.real()) ? "=" : r.model());
        columns.put("embedded", r -> r.embedded().equals(r.real()) ? "=" : r.embedded());
        columns.put("SpecRules", Row::specRules);
        columns.put("agrees", r -> r.disagreements().isEmpty() ? "yes" : "NO (" + r.disagreements().size() + ")");
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            out.append(columns.entrySet().stream().map(e -> abbreviate(e.getValue().apply(row)))
                    .collect(Collectors.joining(" | ", "| ", " |\n")));
        }
        return columns.keySet().stream().collect(Collectors.joining(" | ", "| ", " |\n")) + out;
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n");
        return oneLine.length() > 140 ? oneLine.substring(0, 137) + "..." : oneLine;
    }
}
