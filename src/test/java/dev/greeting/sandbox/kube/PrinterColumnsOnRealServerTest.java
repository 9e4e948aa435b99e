package dev.greeting.sandbox.kube;

import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.RealKube;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link PrinterColumnsScenario} on the real kube-apiserver, with the CRD as committed. */
@Tag("real-server")
@ExtendWith(RealKube.class)
class PrinterColumnsOnRealServerTest extends PrinterColumnsScenario {
    private RealKubeApiServer server;
    private String namespace;

    @BeforeEach
    void namespace(RealKubeApiServer server) {
        this.server = server;
        namespace = "columns-" + UUID.randomUUID().toString().substring(0, 8);
        try (KubernetesClient client = server.newClient()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
        }
    }

    /** The shared server has no namespace controller: leave no GreetingApi for a later test's operator to find. */
    @AfterEach
    void removeGreetingApis() {
        try (KubernetesClient client = server.newClient()) {
            client.resources(dev.greeting.model.GreetingApi.class).inNamespace(namespace).delete();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    client.resources(dev.greeting.model.GreetingApi.class).inNamespace(namespace).list().getItems().isEmpty());
        }
    }

    @Override
    KubeApi api() {
        return server;
    }

    @Override
    String namespace() {
        return namespace;
    }
}
