package dev.greeting.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.testsupport.Kubectl;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code kubectl get greetingapis} prints, with the real kubectl: NAME then the CRD's columns in the
 * order DESIGN.md fixes (Ready, URL, Age), and with {@code -o wide} the REST API id (priority 1) after them.
 * The server renders the Table with every column; kubectl drops priority &gt; 0 unless -o wide. One body,
 * run on the embedded server ({@link PrinterColumnsTest}) and the real kube-apiserver
 * ({@link PrinterColumnsOnRealServerTest}).
 */
abstract class PrinterColumnsScenario {
    private static final String URL = "http://127.0.0.1:4566/_aws/execute-api/abc123/test/greeting";
    @TempDir
    Path dir;

    /** The server under test; the CRD is installed. */
    abstract KubeApi api();

    /** The namespace the scenario may use. */
    abstract String namespace();

    @Test
    void getShowsReadyUrlAgeAndWideAddsTheRestApiId() throws Exception {
        Kubectl kubectl = new Kubectl(Kubectl.find().orElseThrow(), api().writeKubeconfig(dir.resolve("kubeconfig")),
                dir, Duration.ofSeconds(60));
        Path manifest = dir.resolve("columns.yaml");
        Files.writeString(manifest, """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: columns
                spec:
                  functionArn: arn:aws:lambda:us-east-1:123456789012:function:HelloWorld
                  path: greeting
                  stage: test
                """);
        assertThat(ok(kubectl.run("apply", "-n", namespace(), "-f", manifest.toString()))).contains("created");
        markReady("columns");

        String table = ok(kubectl.run("get", "greetingapis", "-n", namespace()));
        System.out.println("kubectl get greetingapis:\n" + table);
        assertThat(header(table)).containsExactly("NAME", "READY", "URL", "AGE");
        assertThat(firstRow(table)).hasSize(4).startsWith("columns", "True", URL);
        assertThat(firstRow(table).get(3)).matches("\\d+s");

        String wide = ok(kubectl.run("get", "greetingapis", "-n", namespace(), "-o", "wide"));
        System.out.println("kubectl get greetingapis -o wide:\n" + wide);
        assertThat(wide.lines().findFirst().orElseThrow().trim()).matches("NAME\\s+READY\\s+URL\\s+AGE\\s+REST API ID");
        assertThat(firstRow(wide)).hasSize(5).startsWith("columns", "True", URL).endsWith("abc123");
    }

    /** What the operator writes once the API is deployed. */
    private void markReady(String name) {
        try (KubernetesClient client = api().newClient()) {
            var resources = client.genericKubernetesResources(KubeApiServerTest.GAPI).inNamespace(namespace());
            GenericKubernetesResource object = resources.withName(name).get();
            object.setAdditionalProperty("status", Map.of("restApiId", "abc123", "invokeUrl", URL,
                    "observedGeneration", 1,
                    "conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "Deployed",
                            "message", "deployed", "lastTransitionTime", "2025-01-01T00:00:00Z"))));
            resources.resource(object).updateStatus();
        }
    }

    private static List<String> header(String table) {
        return List.of(table.lines().findFirst().orElseThrow().trim().split("\\s+"));
    }

    private static List<String> firstRow(String table) {
        return List.of(table.lines().skip(1).findFirst().orElseThrow().trim().split("\\s+"));
    }

    private static String ok(Kubectl.Result result) {
        assertThat(result.exit()).as("kubectl exit code; it said:\n%s", result.all()).isZero();
        return result.out();
    }
}
