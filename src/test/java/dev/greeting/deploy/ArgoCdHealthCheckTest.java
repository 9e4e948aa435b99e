package dev.greeting.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs deploy/argocd/health.lua with a real Lua 5.1 interpreter (Argo CD runs it on
 * gopher-lua, a Lua 5.1) on the cases of deploy/argocd/health_test.yaml, Argo CD's own
 * convention for resource customizations: obj is the object from testdata/, the script's
 * returned status and message must be the expected ones.
 */
class ArgoCdHealthCheckTest {
    private static final Path SCRIPT = ProjectFiles.argocd().resolve("health.lua");
    private static final String SEPARATOR = "\u0001";

    @TestFactory
    Stream<DynamicTest> healthTestCases(@TempDir Path work) {
        JsonNode tests = Manifests.readYaml(ProjectFiles.argocd().resolve("health_test.yaml")).path("tests");
        assertThat(tests.size()).isPositive();
        List<String> covered = new ArrayList<>();
        tests.forEach(t -> covered.add(t.path("healthStatus").path("status").asText()));
        assertThat(covered).contains("Healthy", "Progressing", "Degraded");

        return java.util.stream.StreamSupport.stream(tests.spliterator(), false).map(test -> {
            String input = test.path("inputPath").asText();
            JsonNode expected = test.path("healthStatus");
            return DynamicTest.dynamicTest(input + " -> " + expected.path("status").asText(), () -> {
                // Looked up per case, so that without lua5.1 every case is reported as skipped.
                ExternalTool lua = ExternalTool.require("lua5.1", "lua5.1", "/usr/bin/lua5.1");
                JsonNode object = Manifests.readYaml(ProjectFiles.argocd().resolve(input));
                String[] health = evaluate(lua, object, work);
                assertThat(health[0]).as("status for %s", input).isEqualTo(expected.path("status").asText());
                assertThat(health[1]).as("message for %s", input).isEqualTo(expected.path("message").asText(""));
            });
        });
    }

    @Test
    void everyTestdataFileIsUsedByACase() throws IOException {
        JsonNode tests = Manifests.readYaml(ProjectFiles.argocd().resolve("health_test.yaml")).path("tests");
        List<String> used = new ArrayList<>();
        tests.forEach(t -> used.add(t.path("inputPath").asText()));
        try (Stream<Path> files = Files.list(ProjectFiles.argocd().resolve("testdata"))) {
            assertThat(files.map(f -> "testdata/" + f.getFileName()).toList())
                .containsExactlyInAnyOrderElementsOf(used);
        }
    }

    @Test
    void transientReasonsAreTheOnesTheOperatorWritesWithReconciling() throws IOException {
        String code = Files.readString(SCRIPT);
        int start = code.indexOf("local transientReasons = {");
        assertThat(start).as("health.lua declares transientReasons").isNotNegative();
        String table = code.substring(start, code.indexOf('}', start));
        java.util.Set<String> reasons = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)\\s*=\\s*true").matcher(table);
        while (m.find()) {
            reasons.add(m.group(1));
        }
        assertThat(reasons).containsExactlyInAnyOrderElementsOf(
            dev.greeting.operator.GreetingApiReconciler.TRANSIENT_READY_REASONS);
    }

    @Test
    void scriptStaysInsideArgoCdsLuaSandbox() throws IOException {
        // gopher-lua implements Lua 5.1, and Argo CD opens no io, os or package library.
        String code = Files.readString(SCRIPT).replaceAll("--[^\n]*", "");
        for (String forbidden : List.of("goto ", "//", "utf8.", "table.unpack", "require", "io.", "os.",
                "loadstring", "dofile", "setfenv")) {
            assertThat(code).as("health.lua must not use %s", forbidden).doesNotContain(forbidden);
        }
        assertThat(code).contains("return check(obj)");
    }

    @Test
    void componentMergesTheScriptIntoArgocdCm(@TempDir Path install) throws IOException {
        ExternalTool kubectl = Kubectl.require();
        // Shaped like Argo CD's install.yaml, whose objects carry no namespace: an install
        // kustomization sets it (namespace: argocd), as Argo CD's documentation does.
        Files.writeString(install.resolve("argocd-cm.yaml"), String.join("\n",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata: {name: argocd-cm}",
            "data:",
            "  url: https://argocd.example.test",
            ""));
        Files.writeString(install.resolve("kustomization.yaml"), String.join("\n",
            "apiVersion: kustomize.config.k8s.io/v1beta1",
            "kind: Kustomization",
            "namespace: argocd",
            "resources: [argocd-cm.yaml]",
            "components: [" + install.relativize(ProjectFiles.argocd()) + "]",
            ""));
        Manifests rendered = Manifests.parse(Kubectl.kustomize(kubectl, install));
        JsonNode configMap = rendered.single("ConfigMap");
        assertThat(configMap.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
        assertThat(configMap.path("metadata").path("namespace").asText()).isEqualTo("argocd");
        assertThat(configMap.path("data").path("url").asText()).isEqualTo("https://argocd.example.test");
        assertThat(configMap.path("data").path("resource.customizations.health.greeting.dev_GreetingApi").asText())
            .isEqualTo(Files.readString(SCRIPT));
    }

    /** {status, message} the script returns for this object. */
    private static String[] evaluate(ExternalTool lua, JsonNode object, Path work) throws IOException {
        Path harness = Files.createTempFile(work, "harness", ".lua");
        Files.writeString(harness, String.join("\n",
            "obj = " + LuaTableLiteral.of(object),
            "local check = assert(loadfile(" + LuaTableLiteral.string(SCRIPT.toString()) + "))",
            "local hs = check()",
            "assert(type(hs) == 'table', 'health.lua must return a table')",
            "io.write(tostring(hs.status), '" + SEPARATOR + "', hs.message or '')",
            ""));
        String out = lua.run(List.of(harness.toString()), null, Map.of()).successOutput();
        String[] health = out.split(SEPARATOR, -1);
        assertThat(health).as("harness output %s", out).hasSize(2);
        return health;
    }
}
