package dev.greeting.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kubectl apply --dry-run=client` of the rendered base, offline. Client dry-run still asks
 * the server for discovery (to map each kind to a REST path and scope) and for each live
 * object (to choose create or patch), so it cannot run with no server at all; here it
 * talks to EmptyClusterApiServer, a loopback stand-in for an empty Kubernetes 1.32 cluster.
 */
class KubectlDryRunTest {
    @Test
    void clientDryRunAcceptsTheRenderedBase(@TempDir Path home) throws Exception {
        ExternalTool kubectl = Kubectl.require();
        String manifests = Kubectl.kustomize(kubectl, ProjectFiles.deploy());
        int objects = Manifests.parse(manifests).all().size();

        try (EmptyClusterApiServer api = EmptyClusterApiServer.start()) {
            Path kubeconfig = api.writeKubeconfig(home);
            ExternalTool.Result result = kubectl.run(
                List.of("--kubeconfig", kubeconfig.toString(), "--cache-dir", home.resolve("cache").toString(),
                    "apply", "--dry-run=client", "--validate=false", "-f", "-"),
                manifests, Map.of("HOME", home.toString()));

            String out = result.successOutput();
            assertThat(out.lines().filter(l -> l.endsWith(" created (dry run)")).count())
                .as("kubectl said:\n%s", out).isEqualTo(objects);
            assertThat(out).contains(
                "namespace/greeting-operator-system created (dry run)",
                "customresourcedefinition.apiextensions.k8s.io/greetingapis.greeting.dev created (dry run)",
                "deployment.apps/greeting-operator created (dry run)");
            assertThat(api.requests()).as("client dry-run must only read").allMatch(r -> r.startsWith("GET "));
            assertThat(api.requests()).contains(
                "GET /apis/apps/v1/namespaces/greeting-operator-system/deployments/greeting-operator");
        }
    }

    @Test
    void clientDryRunRejectsAKindTheClusterDoesNotServe(@TempDir Path home) throws Exception {
        ExternalTool kubectl = Kubectl.require();
        String unknownKind = String.join("\n",
            "apiVersion: greeting.dev/v1alpha1",
            "kind: GreetingApi",
            "metadata: {name: hello-world, namespace: default}",
            "spec: {functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:HelloWorld', path: greeting, stage: test}",
            "");
        try (EmptyClusterApiServer api = EmptyClusterApiServer.start()) {
            ExternalTool.Result result = kubectl.run(
                List.of("--kubeconfig", api.writeKubeconfig(home).toString(), "--cache-dir",
                    home.resolve("cache").toString(), "apply", "--dry-run=client", "--validate=false", "-f", "-"),
                unknownKind, Map.of("HOME", home.toString()));
            // The CRD is not installed in the empty cluster: the same check that accepts the
            // base must refuse a kind it cannot map, or the acceptance above means nothing.
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.stderr()).contains("GreetingApi");
        }
    }
}
