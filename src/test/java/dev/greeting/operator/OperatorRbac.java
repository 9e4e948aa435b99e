package dev.greeting.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The operator's identity on a real API server: its ServiceAccount in one namespace, with exactly
 * the RBAC that deploy/ grants it, so every request the operator makes meets the authorizer a
 * cluster would put in front of it (a Forbidden here is a gap in deploy/).
 */
final class OperatorRbac {
    static final String ACCOUNT = "greeting-operator";
    private static final Path CLUSTER_ROLE = Path.of("deploy", "cluster-role.yaml");
    private static final Path LEADER_ELECTION_ROLE = Path.of("deploy", "leader-election-role.yaml");

    private OperatorRbac() {
    }

    /** Creates the ServiceAccount and its grants in {@code namespace}, waits until RBAC honours them, returns a token. */
    static String grant(KubernetesClient admin, String namespace) {
        // The ClusterRole as committed; cluster-scoped, so the same object for every harness.
        ClusterRole clusterRole = only(load(admin, CLUSTER_ROLE), ClusterRole.class);
        admin.resource(clusterRole).forceConflicts().serverSideApply();
        admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName(ACCOUNT).withNamespace(namespace).endMetadata().build()).create();
        // deploy/ binds the ClusterRole cluster-wide (the operator watches every namespace); this
        // operator watches one, and a RoleBinding grants the same rules there and nowhere else.
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(ACCOUNT).withNamespace(namespace).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                    .withName(clusterRole.getMetadata().getName()).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(ACCOUNT).withNamespace(namespace).endSubject()
                .build()).create();
        // The leader-election Role and its binding as committed, moved to this namespace.
        for (HasMetadata item : load(admin, LEADER_ELECTION_ROLE)) {
            item.getMetadata().setNamespace(namespace);
            if (item instanceof RoleBinding binding) {
                binding.getSubjects().forEach(s -> s.setNamespace(namespace));
            } else if (!(item instanceof Role)) {
                throw new IllegalStateException(LEADER_ELECTION_ROLE + " holds a " + item.getKind());
            }
            admin.resource(item).create();
        }
        return admin.serviceAccounts().inNamespace(namespace).withName(ACCOUNT)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
    }

    /** RBAC's caches follow new bindings within moments: wait until they do, so the operator's first request is not refused. */
    static void awaitGranted(KubernetesClient operatorClient, String namespace) {
        Awaitility.await("RBAC allows the operator's ServiceAccount in " + namespace + " to watch GreetingApis and patch Leases")
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                allowed(operatorClient, namespace, "greeting.dev", "greetingapis", "watch")
                        && allowed(operatorClient, namespace, "coordination.k8s.io", "leases", "patch"));
    }

    private static boolean allowed(KubernetesClient client, String namespace, String group, String resource, String verb) {
        return client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes().withNamespace(namespace).withGroup(group)
                    .withResource(resource).withVerb(verb).endResourceAttributes().endSpec()
                .build()).getStatus().getAllowed();
    }

    private static List<HasMetadata> load(KubernetesClient client, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return client.load(in).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> items, Class<T> type) {
        if (items.size() != 1 || !type.isInstance(items.get(0))) {
            throw new IllegalStateException("expected one " + type.getSimpleName() + ", found " + items);
        }
        return type.cast(items.get(0));
    }
}
