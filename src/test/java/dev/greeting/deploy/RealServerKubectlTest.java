package dev.greeting.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.operator.GreetingOperator;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.Kubectl;
import dev.greeting.testsupport.RealKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl (built with the server) against the real kube-apiserver: deploy/ through server
 * dry run (admission, schema validation and Pod Security run for real), and the hello-world example
 * driven as a user would, with the operator running and the AWS emulator behind it.
 */
@ExtendWith(RealKube.class)
class RealServerKubectlTest {
    private static final String SYSTEM_NAMESPACE = RealServerRbacTest.SYSTEM_NAMESPACE;
    private static final Duration KUBECTL_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void serverDryRunOfTheBaseAcceptsEveryObject(RealKubeApiServer server, @TempDir Path tmp) {
        Kubectl kubectl = kubectl(server, tmp);
        Manifests rendered = Manifests.parse(ok(kubectl.run("kustomize", ProjectFiles.deploy().toString())));
        // A server dry run creates nothing, its Namespace neither (see the next test): the namespace
        // must exist for the objects that go into it, as after a first real `kubectl apply -k`.
        ok(kubectl.run("apply", "-f", ProjectFiles.deploy().resolve("namespace.yaml").toString()));

        Kubectl.Result dryRun = kubectl.run("apply", "-k", ProjectFiles.deploy().toString(), "--dry-run=server");

        String out = ok(dryRun);
        System.out.println("kubectl apply -k deploy/ --dry-run=server:\n" + dryRun.all());
        for (ObjectNode object : rendered.all()) {
            assertThat(out).as("kubectl's report of %s", reference(object))
                    .containsPattern("(?m)^" + Pattern.quote(reference(object))
                            + " (created|configured|unchanged|serverside-applied) \\(server dry run\\)$");
        }
        assertThat(out.lines().filter(l -> l.endsWith("(server dry run)")).count()).isEqualTo(rendered.all().size());
    }

    /**
     * A fact users meet on a fresh cluster: server dry run does not create the Namespace it reports
     * "created", so every object meant for it is refused (NotFound), while the cluster-scoped ones pass.
     */
    @Test
    void serverDryRunIntoANamespaceThatDoesNotExistYetIsRefused(RealKubeApiServer server, @TempDir Path tmp) throws IOException {
        Kubectl kubectl = kubectl(server, tmp);
        String fresh = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        Path manifests = tmp.resolve("in-a-fresh-namespace.yaml");
        Files.writeString(manifests, ok(kubectl.run("kustomize", ProjectFiles.deploy().toString()))
                .replace(SYSTEM_NAMESPACE, fresh));

        Kubectl.Result dryRun = kubectl.run("apply", "-f", manifests.toString(), "--dry-run=server");

        System.out.println("kubectl apply --dry-run=server into " + fresh + ":\n" + dryRun.all());
        assertThat(dryRun.exit()).isNotZero();
        assertThat(dryRun.out()).contains("namespace/" + fresh + " created (server dry run)");
        assertThat(dryRun.err()).contains("namespaces \"" + fresh + "\" not found");
    }

    /**
     * deploy/namespace.yaml enforces the "restricted" Pod Security Standard, which admission applies to
     * Pods only (not to a Deployment): a Pod made of the Deployment's template, through a server dry
     * run, is what the ReplicaSet controller would create. A privileged variant is refused, so the
     * acceptance means something.
     */
    @Test
    void theDeploymentsPodPassesTheRestrictedPodSecurityStandardItsNamespaceEnforces(RealKubeApiServer server,
                                                                                   @TempDir Path tmp) throws IOException {
        Kubectl kubectl = kubectl(server, tmp);
        Manifests rendered = Manifests.parse(ok(kubectl.run("kustomize", ProjectFiles.deploy().toString())));
        for (String file : List.of("namespace.yaml", "service-account.yaml")) {
            ok(kubectl.run("apply", "-f", ProjectFiles.deploy().resolve(file).toString()));
        }
        ObjectNode pod = podOf(rendered.single("Deployment"));
        Path podFile = tmp.resolve("pod.yaml");
        Files.writeString(podFile, Manifests.YAML.writeValueAsString(pod));
        // Not "privileged: true": kube-apiserver refuses that by itself (--allow-privileged is off), before Pod Security.
        ObjectNode escalating = pod.deepCopy();
        ((ObjectNode) escalating.path("spec").path("containers").get(0).path("securityContext"))
                .put("allowPrivilegeEscalation", true);
        Path escalatingFile = tmp.resolve("escalating-pod.yaml");
        Files.writeString(escalatingFile, Manifests.YAML.writeValueAsString(escalating));

        Kubectl.Result accepted = kubectl.run("create", "--dry-run=server", "-f", podFile.toString());
        Kubectl.Result refused = kubectl.run("create", "--dry-run=server", "-f", escalatingFile.toString());

        assertThat(ok(accepted)).contains("pod/greeting-operator-pod-security created (server dry run)");
        assertThat(accepted.err()).doesNotContain("PodSecurity");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("violates PodSecurity \"restricted:latest\"", "allowPrivilegeEscalation != false");
    }

    @Test
    void theHelloWorldExampleThroughKubectl(RealKubeApiServer server, @TempDir Path tmp) throws Exception {
        Kubectl kubectl = kubectl(server, tmp);
        String namespace = "kubectl-" + UUID.randomUUID().toString().substring(0, 8);
        Path example = ProjectFiles.root().resolve("examples/hello-world.yaml");
        try (EmulatedAws aws = EmulatedAws.startWithHelloWorld(); KubernetesClient admin = server.newClient();
             GreetingOperator operator = GreetingOperator.start(admin,
                     aws.operatorSettings().withNamespaces(Set.of(namespace)))) {
            ok(kubectl.run("create", "namespace", namespace));
            // The example pins metadata.namespace: default, so kubectl refuses to put it elsewhere with -n.
            Kubectl.Result elsewhere = kubectl.run("apply", "-n", namespace, "-f", example.toString());
            assertThat(elsewhere.exit()).isNotZero();
            assertThat(elsewhere.err()).contains("does not match the namespace");
            Path copy = tmp.resolve("hello-world.yaml");
            Files.writeString(copy, Files.readString(example).replace("namespace: default", "namespace: " + namespace));

            assertThat(ok(kubectl.run("apply", "-f", copy.toString())))
                    .contains("greetingapi.greeting.dev/hello-world created");
            assertThat(ok(kubectl.run("wait", "-n", namespace, "--for=condition=Ready", "gapi/hello-world", "--timeout=60s")))
                    .contains("greetingapi.greeting.dev/hello-world condition met");

            String table = ok(kubectl.run("get", "gapi", "-n", namespace));
            System.out.println("kubectl get gapi:\n" + table);
            // NAME, then the CRD's priority-0 printer columns in the CRD's order (as committed: Ready, URL, Age).
            List<String> header = List.of(table.lines().findFirst().orElseThrow().trim().split("\\s+"));
            assertThat(header).isEqualTo(columnsOfTheCommittedCrd());
            Map<String, String> row = new HashMap<>();
            List<String> cells = List.of(table.lines().skip(1).findFirst().orElseThrow().trim().split("\\s+"));
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            assertThat(row).containsEntry("NAME", "hello-world").containsEntry("READY", "True");
            assertThat(row.get("URL")).startsWith(aws.emulator().endpoint() + "/_aws/execute-api/").endsWith("/test/greeting");

            JsonNode list = Manifests.YAML.readTree(ok(kubectl.run("get", "gapi", "-n", namespace, "-o", "yaml")));
            String invokeUrl = list.path("items").get(0).path("status").path("invokeUrl").asText();
            assertThat(invokeUrl).startsWith(aws.emulator().endpoint() + "/_aws/execute-api/").endsWith("/test/greeting");
            assertThat(greeting(invokeUrl + "?greeter=kubectl")).contains("Hello, kubectl!");

            String described = ok(kubectl.run("describe", "gapi", "hello-world", "-n", namespace));
            System.out.println("kubectl describe gapi hello-world:\n" + described);
            String events = described.substring(described.indexOf("\nEvents:"));
            assertThat(events).containsPattern("Normal\\s+Created\\s+.*greeting-operator\\s+Created REST API")
                    .containsPattern("Normal\\s+Deployed\\s+.*greeting-operator\\s+Deployed configuration");

            // kubectl delete waits until the object is gone: until the operator released its finalizer.
            assertThat(ok(kubectl.run("delete", "gapi", "hello-world", "-n", namespace, "--timeout=60s")))
                    .contains("greetingapi.greeting.dev \"hello-world\" deleted");
            Kubectl.Result gone = kubectl.run("get", "gapi", "hello-world", "-n", namespace);
            assertThat(gone.exit()).isNotZero();
            assertThat(gone.err()).contains("NotFound");
        } finally {
            // Without a controller manager the namespace stays Terminating: harmless, nothing else uses it.
            kubectl.run("delete", "namespace", namespace, "--wait=false");
        }
    }

    private static Kubectl kubectl(RealKubeApiServer server, Path workDir) {
        return new Kubectl(Kubectl.find().orElseThrow(), server.kubeconfig(), workDir, KUBECTL_TIMEOUT);
    }

    private static String ok(Kubectl.Result result) {
        assertThat(result.exit()).as("kubectl exit code; it said:\n%s", result.all()).isZero();
        return result.out();
    }

    /** How kubectl names an object in its reports: kind.group/name ("service/x", "deployment.apps/x"). */
    private static String reference(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? "." + apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return object.path("kind").asText().toLowerCase(Locale.ROOT) + group + "/" + object.path("metadata").path("name").asText();
    }

    private static List<String> columnsOfTheCommittedCrd() {
        List<String> columns = new ArrayList<>(List.of("NAME"));
        Manifests.readYaml(ProjectFiles.root().resolve(RealKube.CRD)).path("spec").path("versions").get(0)
                .path("additionalPrinterColumns").forEach(c -> {
                    if (c.path("priority").asInt() == 0) { // the others only with -o wide
                        columns.add(c.path("name").asText().toUpperCase(Locale.ROOT));
                    }
                });
        return columns;
    }

    private static ObjectNode podOf(ObjectNode deployment) {
        ObjectNode pod = Manifests.YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", "greeting-operator-pod-security")
                .put("namespace", deployment.path("metadata").path("namespace").asText())
                .set("labels", deployment.path("spec").path("template").path("metadata").path("labels"));
        pod.set("spec", deployment.path("spec").path("template").path("spec").deepCopy());
        return pod;
    }

    private static String greeting(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
