package dev.greeting.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of the generated CRD: names, scope, subresources, printer columns, rules that compile. */
class GreetingApiCrdTest {
    private final JsonNode crd = GeneratedCrd.crd();
    private final JsonNode version = crd.path("spec").path("versions").get(0);

    @Test
    void namesTheResourceAsDesignMdSays() {
        assertThat(crd.path("metadata").path("name").asText()).isEqualTo("greetingapis.greeting.dev");
        JsonNode spec = crd.path("spec");
        assertThat(spec.path("group").asText()).isEqualTo("greeting.dev");
        assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
        assertThat(spec.path("names").path("kind").asText()).isEqualTo("GreetingApi");
        assertThat(spec.path("names").path("plural").asText()).isEqualTo("greetingapis");
        assertThat(spec.path("names").path("shortNames")).extracting(JsonNode::asText).containsExactly("gapi");
        assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
        assertThat(version.path("served").asBoolean()).isTrue();
        assertThat(version.path("storage").asBoolean()).isTrue();
        assertThat(HasMetadata.getApiVersion(GreetingApi.class)).isEqualTo("greeting.dev/v1alpha1");
    }

    @Test
    void statusIsASubresource() {
        // the operator writes status through /status, and a spec write never clobbers it
        assertThat(version.path("subresources").has("status")).isTrue();
    }

    @Test
    void printsReadyUrlAndAgeInThatOrderAndTheRestApiIdWhenWide() {
        // kubectl shows the columns in the CRD's order; the generator sorts them by jsonPath and the build
        // puts them back in GreetingApi's declared order (PrinterColumnOrder). Priority 1: only -o wide.
        List<JsonNode> columns = new ArrayList<>();
        version.path("additionalPrinterColumns").forEach(columns::add);
        assertThat(columns)
                .extracting(c -> c.path("name").asText(), c -> c.path("type").asText(),
                        c -> c.path("jsonPath").asText(), c -> c.path("priority").asInt())
                .containsExactly(
                        tuple("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", 0),
                        tuple("URL", "string", ".status.invokeUrl", 0),
                        tuple("Age", "date", ".metadata.creationTimestamp", 0),
                        tuple("REST API ID", "string", ".status.restApiId", 1));
    }

    @Test
    void everyCelRuleCompilesToABoolAndNamesAnExistingField() {
        JsonNode schema = GeneratedCrd.openApiV3Schema();
        List<CelRules.Rule> rules = new CelRules(schema).rules();
        assertThat(rules).isNotEmpty();
        for (CelRules.Rule rule : rules) {
            JsonNode node = nodeAt(schema, rule.node());
            assertThat(CelRules.compile(node, rule.expression())).as(rule.expression()).isNotNull();
            assertThat(rule.message()).as("message of " + rule.expression()).isNotBlank();
            if (!rule.fieldPath().isEmpty()) {
                assertThat(node.path("properties").has(rule.fieldPath().substring(1)))
                        .as("fieldPath " + rule.fieldPath() + " of " + rule.expression()).isTrue();
            }
        }
    }

    @Test
    void theCommittedCrdIsTheGeneratedOne() throws IOException {
        // the build checks this too (maven-antrun-plugin at process-classes); this covers IDE runs
        String committed = Files.readString(Path.of("crds", GreetingApi.CRD_NAME + "-v1.yml"));
        String generated;
        try (var in = getClass().getClassLoader().getResourceAsStream(GeneratedCrd.RESOURCE)) {
            generated = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(committed).as("crds/ is stale; refresh it with: mvn -B process-classes -Dcrds.update").isEqualTo(generated);
    }

    @Test
    void theExampleReadsIntoTheModel() throws IOException {
        GreetingApi api = Serialization.unmarshal(Files.readString(Path.of("examples/hello-world.yaml")), GreetingApi.class);
        assertThat(api.getMetadata().getName()).isEqualTo("hello-world");
        assertThat(api.getSpec().getFunctionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:HelloWorld");
        assertThat(api.getSpec().getPath()).isEqualTo("greeting");
        assertThat(api.getSpec().getStage()).isEqualTo("test");
        assertThat(api.getSpec().getGreeterParameter()).isEqualTo("greeter");
        assertThat(api.getSpec().getGreeterRequired()).isFalse();
        assertThat(api.getSpec().getDeletionPolicy()).isEqualTo(DeletionPolicy.Delete);
        assertThat(api.getSpec().getCredentialsRoleArn()).isNull();
    }

    private static JsonNode nodeAt(JsonNode schema, String path) {
        JsonNode node = schema;
        if (path.isEmpty()) {
            return node;
        }
        for (String segment : path.split("\\.")) {
            node = segment.equals("*") ? node.path("additionalProperties") : node.path("properties").path(segment);
        }
        return node;
    }
}
