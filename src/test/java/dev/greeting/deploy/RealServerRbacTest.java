package dev.greeting.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.greeting.testsupport.GreetingApis.greetingApi;
import static org.awaitility.Awaitility.await;

import dev.greeting.model.GreetingApi;
import dev.greeting.operator.GreetingOperator;
import dev.greeting.operator.OperatorSettings;
import dev.greeting.reconcile.Conditions;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.Kubectl;
import dev.greeting.testsupport.RealKube;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/'s RBAC on a real kube-apiserver (RBAC authorizer on): the operator, authenticated as its
 * ServiceAccount with a TokenRequest token and run as deploy/deployment.yaml runs it (leader
 * election, Lease in greeting-operator-system, all namespaces), takes a GreetingApi through
 * create, Ready, delete and finalizer release; the server's audit log must show no 403 for it.
 */
@ExtendWith(RealKube.class)
class RealServerRbacTest {
    static final String SYSTEM_NAMESPACE = "greeting-operator-system";
    static final String OPERATOR = "greeting-operator";
    static final String OPERATOR_USER = "system:serviceaccount:" + SYSTEM_NAMESPACE + ":" + OPERATOR;
    private static final Set<String> RBAC_KINDS =
            Set.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String FIELD_MANAGER = "real-server-rbac-test";

    @Test
    void theShippedRbacLetsTheOperatorCreateAndReleaseAGreetingApiWithoutAForbidden(RealKubeApiServer server,
                                                                                   @TempDir Path tmp) {
        List<HasMetadata> rbac = shippedRbac(server, tmp);
        String namespace = "rbac-" + UUID.randomUUID().toString().substring(0, 8);
        try (KubernetesClient admin = server.newClient(); EmulatedAws aws = EmulatedAws.startWithHelloWorld()) {
            try {
                rbac.forEach(o -> admin.resource(o).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
                admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                        .build()).create();
                String token = token(admin, SYSTEM_NAMESPACE, OPERATOR);
                // As deploy/deployment.yaml runs it: `run --leader-election`, POD_NAMESPACE the operator's
                // namespace, no --namespace (all namespaces). No System.exit on a lost lease in a test JVM.
                OperatorSettings settings = aws.operatorSettings().withLeaderElection(new OperatorSettings.LeaderElection(
                        OPERATOR, SYSTEM_NAMESPACE, "greeting-operator-rbac-test").withExitWhenLost(false));
                try (KubernetesClient asOperator = new KubernetesClientBuilder().withConfig(server.clientConfig(token)).build();
                     GreetingOperator operator = GreetingOperator.start(asOperator, settings)) {
                    await().atMost(TIMEOUT).until(operator::isLeader);
                    admin.resource(greetingApi(namespace, "rbac", aws.functionArn())).create();
                    await().atMost(TIMEOUT).until(() -> isReady(admin, namespace, "rbac"));
                    admin.resources(GreetingApi.class).inNamespace(namespace).withName("rbac").delete();
                    await().atMost(TIMEOUT).until(() ->
                            admin.resources(GreetingApi.class).inNamespace(namespace).withName("rbac").get() == null);
                    // Stay until the leader has renewed its Lease (a patch) at least once: the renewal needs a verb too.
                    await().atMost(TIMEOUT).until(() -> AuditEvent.of(server.auditLog(), OPERATOR_USER).stream()
                            .anyMatch(e -> e.rbacResource().equals("coordination.k8s.io/leases")
                                    && !e.verb().equals("get") && !e.verb().equals("create")));
                }
            } finally {
                releaseAndDelete(admin, namespace, "rbac");
                removeRbac(admin, rbac);
            }
        }
        List<AuditEvent> requests = AuditEvent.of(server.auditLog(), OPERATOR_USER);
        List<AuditEvent> forbidden = requests.stream().filter(AuditEvent::forbidden).toList();
        forbidden.forEach(e -> System.out.println("Forbidden for " + OPERATOR_USER + ": " + e));
        Set<String> used = new TreeSet<>(requests.stream().map(e -> e.verb() + " " + e.rbacResource()).toList());
        System.out.println("what " + OPERATOR_USER + " asked the API server for: " + used);
        assertThat(forbidden).as("requests of the operator that RBAC refused").isEmpty();
        // No 403 means something only if the operator went through every path that needs a grant.
        assertThat(used).contains("list greeting.dev/greetingapis", "watch greeting.dev/greetingapis",
                "patch greeting.dev/greetingapis", "patch greeting.dev/greetingapis/status", "create /events",
                "get coordination.k8s.io/leases", "create coordination.k8s.io/leases", "patch coordination.k8s.io/leases",
                "create authorization.k8s.io/selfsubjectrulesreviews");
    }

    /**
     * The converse, so that the test above can fail: the same ClusterRole without its GreetingApi
     * rules, bound to a second ServiceAccount. The operator then cannot list GreetingApis, and the
     * audit log shows the 403 the first test looks for.
     */
    @Test
    void withoutTheGreetingApiRulesTheOperatorIsForbiddenToListGreetingApis(RealKubeApiServer server, @TempDir Path tmp) {
        String name = "greeting-operator-without-greetingapi-rules";
        String user = "system:serviceaccount:" + SYSTEM_NAMESPACE + ":" + name;
        List<HasMetadata> rbac = shippedRbac(server, tmp);
        ClusterRole shipped = rbac.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .findFirst().orElseThrow();
        ClusterRole withoutGreetingApis = new ClusterRoleBuilder(shipped).editMetadata().withName(name).endMetadata()
                .withRules(shipped.getRules().stream().filter(r -> !r.getApiGroups().contains(GreetingApi.GROUP)).toList())
                .build();
        ClusterRoleBinding binding = new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(name).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(SYSTEM_NAMESPACE).endSubject()
                .build();
        List<HasMetadata> objects = List.of(new ServiceAccountBuilder().withNewMetadata().withName(name)
                .withNamespace(SYSTEM_NAMESPACE).endMetadata().build(), withoutGreetingApis, binding);
        try (KubernetesClient admin = server.newClient(); EmulatedAws aws = EmulatedAws.startWithHelloWorld()) {
            try {
                rbac.stream().filter(o -> o.getKind().equals("Namespace"))
                        .forEach(o -> admin.resource(o).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
                objects.forEach(o -> admin.resource(o).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
                String token = token(admin, SYSTEM_NAMESPACE, name);
                try (KubernetesClient crippled = new KubernetesClientBuilder().withConfig(server.clientConfig(token)).build()) {
                    try (GreetingOperator started = GreetingOperator.start(crippled, aws.operatorSettings())) {
                        System.out.println("the operator started although it cannot list GreetingApis: "
                                + started.isHealthy());
                    } catch (RuntimeException refused) {
                        // JOSDK stops on an informer error at startup: the expected way for this to end.
                        System.out.println("the operator refused to start: " + refused);
                    }
                }
                await().atMost(TIMEOUT).until(() -> AuditEvent.of(server.auditLog(), user).stream()
                        .anyMatch(e -> e.forbidden() && e.verb().equals("list")
                                && e.rbacResource().equals("greeting.dev/greetingapis")));
            } finally {
                removeRbac(admin, objects);
            }
        }
        AuditEvent.of(server.auditLog(), user).stream().filter(AuditEvent::forbidden)
                .forEach(e -> System.out.println("Forbidden for " + user + ": " + e));
    }

    /** deploy/'s RBAC objects and their namespace, exactly as `kubectl kustomize deploy/` renders them. */
    static List<HasMetadata> shippedRbac(RealKubeApiServer server, Path tmp) {
        Kubectl kubectl = new Kubectl(Kubectl.find().orElseThrow(), server.kubeconfig(), tmp, TIMEOUT);
        Kubectl.Result rendered = kubectl.run("kustomize", ProjectFiles.deploy().toString());
        assertThat(rendered.exit()).as(rendered.err()).isZero();
        try (KubernetesClient client = server.newClient()) {
            List<HasMetadata> objects = client.load(new ByteArrayInputStream(rendered.out().getBytes(StandardCharsets.UTF_8)))
                    .items().stream().filter(o -> RBAC_KINDS.contains(o.getKind())).toList();
            assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrderElementsOf(RBAC_KINDS);
            return objects;
        }
    }

    static String token(KubernetesClient admin, String namespace, String serviceAccount) {
        return admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
    }

    static boolean isReady(KubernetesClient client, String namespace, String name) {
        GreetingApi r = client.resources(GreetingApi.class).inNamespace(namespace).withName(name).get();
        return r != null && r.getStatus() != null && r.getMetadata().getGeneration().equals(r.getStatus().getObservedGeneration())
                && Conditions.isTrue(r.getStatus().getConditions(), Conditions.READY);
    }

    /** After a failure: nothing is left holding a finalizer no operator will release; the namespace goes too. */
    private static void releaseAndDelete(KubernetesClient admin, String namespace, String name) {
        var resource = admin.resources(GreetingApi.class).inNamespace(namespace).withName(name);
        if (resource.get() != null) {
            resource.edit(r -> {
                r.getMetadata().setFinalizers(List.of());
                return r;
            });
            resource.delete();
        }
        // Without a controller manager the namespace stays Terminating: harmless, and nothing else uses it.
        admin.namespaces().withName(namespace).delete();
    }

    /**
     * Removes what the test installed, except the operator's namespace: without a controller manager a
     * deleted namespace stays Terminating forever, and the other real-server tests of the run need it.
     */
    private static void removeRbac(KubernetesClient admin, List<HasMetadata> objects) {
        List<HasMetadata> reversed = new ArrayList<>(objects);
        Collections.reverse(reversed);
        reversed.stream().filter(o -> !o.getKind().equals("Namespace")).forEach(o -> admin.resource(o).delete());
        admin.leases().inNamespace(SYSTEM_NAMESPACE).withName(OPERATOR).delete();
    }
}
