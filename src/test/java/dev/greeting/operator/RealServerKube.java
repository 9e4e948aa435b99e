package dev.greeting.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.model.GreetingApi;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A namespace of its own on the run's real kube-apiserver (shared by every test of the run): the
 * operator runs there as its ServiceAccount with deploy/'s RBAC and watches that namespace only;
 * its Leases and Events stay there. Closing deletes the harness's GreetingApis (the operator is
 * stopped by then, so their finalizers are removed first) and the namespace, and fails if the
 * audit log shows the operator was refused anything (an RBAC gap in deploy/).
 */
final class RealServerKube implements KubeBackend {
    private static final AtomicInteger HARNESSES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RealKubeApiServer server;
    private final KubernetesClient admin;
    private final String namespace;
    private final Config operatorConfig;

    private RealServerKube(RealKubeApiServer server, KubernetesClient admin, String namespace, Config operatorConfig) {
        this.server = server;
        this.admin = admin;
        this.namespace = namespace;
        this.operatorConfig = operatorConfig;
    }

    /** {@code label} names the test, so that its namespace says whose it is in the audit log. */
    static RealServerKube start(RealKubeApiServer server, String label) {
        KubernetesClient admin = server.newClient();
        try {
            String namespace = namespaceName(HARNESSES.incrementAndGet(), label);
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create();
            Config operatorConfig = server.clientConfig(OperatorRbac.grant(admin, namespace));
            operatorConfig.setNamespace(namespace);
            try (KubernetesClient operator = new KubernetesClientBuilder().withConfig(operatorConfig).build()) {
                OperatorRbac.awaitGranted(operator, namespace);
            }
            return new RealServerKube(server, admin, namespace, operatorConfig);
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    static String namespaceName(int number, String label) {
        String slug = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String name = String.format("%03d-%s", number, slug);
        return name.substring(0, Math.min(name.length(), 63)).replaceAll("-+$", "");
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public Set<String> watchedNamespaces() {
        return Set.of(namespace);
    }

    @Override
    public KubernetesClient client() {
        return admin;
    }

    @Override
    public KubernetesClient newOperatorClient() {
        return new KubernetesClientBuilder().withConfig(operatorConfig).build();
    }

    @Override
    public GreetingApi createUnderAnOlderCrd(GreetingApi resource) {
        return OlderCrd.create(server, admin, resource);
    }

    @Override
    public void close() {
        try (admin) {
            var apis = admin.resources(GreetingApi.class).inNamespace(namespace);
            for (GreetingApi api : apis.list().getItems()) {
                try {
                    apis.withName(api.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"finalizers\":null}}");
                    apis.withName(api.getMetadata().getName()).delete();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> apis.list().getItems().isEmpty());
            // Without a controller manager the namespace stays Terminating, with its Events, Lease
            // and RBAC objects; no later test uses the name.
            admin.namespaces().withName(namespace).delete();
        }
        List<String> refused = refusedOperatorRequests();
        if (!refused.isEmpty()) {
            throw new AssertionError("the API server refused the operator (its RBAC is deploy/'s): " + refused);
        }
    }

    /** The operator's requests answered 403, from the audit log (written before each response: blocking mode). */
    private List<String> refusedOperatorRequests() {
        String user = "\"system:serviceaccount:" + namespace + ":" + OperatorRbac.ACCOUNT + "\"";
        try (Stream<String> lines = Files.lines(server.auditLog())) {
            return lines.filter(l -> l.contains(user) && l.contains("\"code\":403")).map(RealServerKube::describe)
                    .distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(String auditLine) {
        try {
            JsonNode event = JSON.readTree(auditLine);
            JsonNode ref = event.path("objectRef");
            return event.path("verb").asText() + " " + ref.path("apiGroup").asText() + "/" + ref.path("resource").asText()
                    + (ref.has("subresource") ? "/" + ref.path("subresource").asText() : "");
        } catch (IOException e) {
            return auditLine;
        }
    }
}
