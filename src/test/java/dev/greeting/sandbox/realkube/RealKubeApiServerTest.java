package dev.greeting.sandbox.realkube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.model.GreetingApi;
import dev.greeting.testsupport.RealKube;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test bed itself: the pinned versions, a CRD Established, RBAC, token issuance, an audit log. */
@ExtendWith(RealKube.class)
class RealKubeApiServerTest {

    @Test
    void theJavaSideNamesTheVersionsTheGoModulesPin() throws IOException {
        assertThat(require(Path.of("test-infra/kube/apiserver/go.mod"), "k8s.io/kubernetes"))
                .isEqualTo(KubeBinaries.KUBERNETES_VERSION);
        assertThat(require(Path.of("test-infra/kube/etcd/go.mod"), "go.etcd.io/etcd/server/v3"))
                .isEqualTo(KubeBinaries.ETCD_VERSION);
    }

    @Test
    void theCommittedCrdIsEstablished(RealKubeApiServer server) {
        try (KubernetesClient client = server.newClient()) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                    .withName(GreetingApi.CRD_NAME).get();
            assertThat(RealKubeApiServer.established(crd)).isTrue();
            assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo(KubeBinaries.KUBERNETES_VERSION);
        }
    }

    @Test
    void aServiceAccountTokenAuthenticatesAndRbacRefusesWhatIsNotGranted(RealKubeApiServer server) {
        try (KubernetesClient admin = server.newClient()) {
            admin.serviceAccounts().inNamespace("default").resource(new ServiceAccountBuilder()
                    .withNewMetadata().withName("nobody").endMetadata().build()).createOr(c -> c.update());
            String token = admin.serviceAccounts().inNamespace("default").withName("nobody")
                    .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
                    .getStatus().getToken();
            try (KubernetesClient nobody = new KubernetesClientBuilder().withConfig(server.clientConfig(token)).build()) {
                KubernetesClientException refused = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
                        () -> nobody.resources(GreetingApi.class).inNamespace("default").list());
                assertThat(refused.getCode()).isEqualTo(403);
            }
        }
        assertThat(auditLines(server)).anyMatch(line -> line.contains("system:serviceaccount:default:nobody")
                && line.contains("\"code\":403"));
    }

    @Test
    void stoppingLeavesNoProcessBehind() throws IOException {
        RealKubeApiServer second = RealKubeApiServer.start(KubeBinaries.find().orElseThrow(),
                Files.createTempDirectory(Path.of("target"), "real-kube-second").toAbsolutePath());
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/etcd") || c.endsWith("/kube-apiserver")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(second.workDir().toString())).orElse(false))
                .toList();
        assertThat(servers).hasSize(2);
        second.close();
        assertThat(servers).noneMatch(ProcessHandle::isAlive);
    }

    static List<String> auditLines(RealKubeApiServer server) {
        try {
            return Files.readAllLines(server.auditLog());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String require(Path goMod, String module) throws IOException {
        Matcher m = Pattern.compile("(?m)^require " + Pattern.quote(module) + " (\\S+)$").matcher(Files.readString(goMod));
        assertThat(m.find()).as("%s requires %s", goMod, module).isTrue();
        return m.group(1);
    }
}
