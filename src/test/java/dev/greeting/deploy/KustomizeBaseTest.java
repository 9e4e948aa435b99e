package dev.greeting.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `kubectl kustomize deploy/` renders, the stream `kubectl apply -k deploy/` sends. */
class KustomizeBaseTest {
    private static final String NAMESPACE = "greeting-operator-system";
    private static final Set<String> CLUSTER_SCOPED =
        Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");

    private static Manifests cached;

    /**
     * The render, made once. Every test asks for it, so that without kubectl each test is
     * reported as skipped (an aborted @BeforeAll would hide them from the counts).
     */
    private static synchronized Manifests rendered() {
        ExternalTool kubectl = Kubectl.require();
        if (cached == null) {
            cached = Manifests.parse(Kubectl.kustomize(kubectl, ProjectFiles.deploy()));
        }
        return cached;
    }

    @Test
    void rendersExactlyTheOperatorsObjects() {
        assertThat(rendered().kinds()).containsExactly(
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Deployment",
            "Namespace", "Role", "RoleBinding", "Service", "ServiceAccount");
        assertThat(rendered().single("CustomResourceDefinition").path("metadata").path("name").asText())
            .isEqualTo("greetingapis.greeting.dev");
    }

    @Test
    void namespacedObjectsLiveInTheOperatorNamespace() {
        assertThat(rendered().single("Namespace").path("metadata").path("name").asText()).isEqualTo(NAMESPACE);
        for (ObjectNode object : rendered().all()) {
            String kind = object.path("kind").asText();
            JsonNode namespace = object.path("metadata").path("namespace");
            if (CLUSTER_SCOPED.contains(kind)) {
                assertThat(namespace.isMissingNode()).as("%s is cluster-scoped", kind).isTrue();
            } else {
                assertThat(namespace.asText()).as("namespace of %s", kind).isEqualTo(NAMESPACE);
            }
        }
    }

    @Test
    void noRbacRuleUsesAWildcardOrTouchesSecrets() {
        List<ObjectNode> roles = new ArrayList<>(rendered().ofKind("ClusterRole"));
        roles.addAll(rendered().ofKind("Role"));
        assertThat(roles).hasSize(2);
        for (ObjectNode role : roles) {
            for (JsonNode rule : role.path("rules")) {
                for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
                    assertThat(texts(rule.path(field))).as("%s in %s", field, rule).noneMatch(v -> v.contains("*"));
                }
                assertThat(texts(rule.path("resources"))).as("resources in %s", rule).doesNotContain("secrets");
                assertThat(rule.has("nonResourceURLs")).as("nonResourceURLs in %s", rule).isFalse();
            }
        }
    }

    @Test
    void clusterRoleGrantsOnlyWhatTheOperatorCalls() {
        assertThat(grants(rendered().single("ClusterRole"))).isEqualTo(Map.of(
            "greeting.dev/greetingapis", Set.of("get", "list", "watch", "patch", "update"),
            "greeting.dev/greetingapis/status", Set.of("get", "patch", "update"),
            "greeting.dev/greetingapis/finalizers", Set.of("update"),
            "/events", Set.of("create", "patch"),
            "events.k8s.io/events", Set.of("create", "patch")));
    }

    @Test
    void leasesAreGrantedInTheOperatorNamespaceOnly() {
        ObjectNode role = rendered().single("Role");
        assertThat(role.path("metadata").path("namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(grants(role)).isEqualTo(Map.of("coordination.k8s.io/leases", Set.of("get", "create", "update", "patch")));
        assertThat(grants(rendered().single("ClusterRole"))).doesNotContainKey("coordination.k8s.io/leases");
    }

    @Test
    void bindingsGiveTheRolesToTheOperatorsServiceAccount() {
        ObjectNode clusterBinding = rendered().single("ClusterRoleBinding");
        ObjectNode binding = rendered().single("RoleBinding");
        assertThat(clusterBinding.path("roleRef").path("kind").asText()).isEqualTo("ClusterRole");
        assertThat(clusterBinding.path("roleRef").path("name").asText())
            .isEqualTo(name(rendered().single("ClusterRole")));
        assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("Role");
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(name(rendered().single("Role")));
        String serviceAccount = name(rendered().single("ServiceAccount"));
        for (ObjectNode b : List.of(clusterBinding, binding)) {
            JsonNode subjects = b.path("subjects");
            assertThat(subjects).hasSize(1);
            assertThat(subjects.get(0).path("kind").asText()).isEqualTo("ServiceAccount");
            assertThat(subjects.get(0).path("name").asText()).isEqualTo(serviceAccount);
            assertThat(subjects.get(0).path("namespace").asText()).isEqualTo(NAMESPACE);
        }
        assertThat(pod().path("serviceAccountName").asText()).isEqualTo(serviceAccount);
    }

    @Test
    void serviceAccountCarriesNoHardCodedIamRole() {
        assertThat(rendered().single("ServiceAccount").path("metadata").path("annotations").has("eks.amazonaws.com/role-arn"))
            .isFalse();
    }

    @Test
    void deploymentRunsTwoReplicasWithLeaderElection() {
        ObjectNode deployment = rendered().single("Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(texts(container().path("args"))).containsExactly("run", "--leader-election", "--metrics-port", "8080");
        assertThat(container().path("image").asText()).isEqualTo("greeting-operator:0.1.0");
        assertThat(env()).containsKeys("AWS_REGION", "POD_NAMESPACE", "POD_NAME");
        assertThat(env().get("POD_NAMESPACE").path("valueFrom").path("fieldRef").path("fieldPath").asText())
            .isEqualTo("metadata.namespace");
    }

    @Test
    void probesUseHealthEndpointsOnTheMetricsPort() {
        JsonNode ports = container().path("ports");
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).path("name").asText()).isEqualTo("metrics");
        assertThat(ports.get(0).path("containerPort").asInt()).isEqualTo(8080);
        assertThat(probe("livenessProbe").path("path").asText()).isEqualTo("/healthz");
        assertThat(probe("readinessProbe").path("path").asText()).isEqualTo("/readyz");
        assertThat(probe("startupProbe").path("path").asText()).isEqualTo("/healthz");
        for (String p : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(probe(p).path("port").asText()).as(p).isEqualTo("metrics");
        }
    }

    @Test
    void containerHasRequestsAndLimits() {
        JsonNode resources = container().path("resources");
        for (String bound : List.of("requests", "limits")) {
            assertThat(resources.path(bound).has("cpu")).as("%s.cpu", bound).isTrue();
            assertThat(resources.path(bound).has("memory")).as("%s.memory", bound).isTrue();
        }
    }

    @Test
    void podIsLockedDown() {
        JsonNode pod = pod();
        JsonNode podSecurity = pod.path("securityContext");
        assertThat(podSecurity.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(podSecurity.path("runAsUser").asLong()).isEqualTo(65532);
        assertThat(podSecurity.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        for (String hostAccess : List.of("hostNetwork", "hostPID", "hostIPC")) {
            assertThat(pod.path(hostAccess).asBoolean(false)).as(hostAccess).isFalse();
        }

        JsonNode security = container().path("securityContext");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("privileged").asBoolean(false)).isFalse();
        assertThat(texts(security.path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(security.path("capabilities").has("add")).isFalse();
        assertThat(security.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    }

    @Test
    void tmpIsTheOnlyWritableMountAndIsAnEmptyDir() {
        JsonNode mounts = container().path("volumeMounts");
        assertThat(mounts).hasSize(1);
        assertThat(mounts.get(0).path("mountPath").asText()).isEqualTo("/tmp");
        String volume = mounts.get(0).path("name").asText();
        JsonNode volumes = pod().path("volumes");
        assertThat(volumes).hasSize(1);
        assertThat(volumes.get(0).path("name").asText()).isEqualTo(volume);
        assertThat(volumes.get(0).has("emptyDir")).isTrue();
    }

    @Test
    void metricsServiceSelectsTheOperatorPods() {
        ObjectNode service = rendered().single("Service");
        JsonNode ports = service.path("spec").path("ports");
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).path("name").asText()).isEqualTo("metrics");
        assertThat(ports.get(0).path("port").asInt()).isEqualTo(8080);
        assertThat(ports.get(0).path("targetPort").asText()).isEqualTo("metrics");
        JsonNode podLabels = rendered().single("Deployment").path("spec").path("template").path("metadata").path("labels");
        service.path("spec").path("selector").fields().forEachRemaining(selector ->
            assertThat(podLabels.path(selector.getKey()).asText()).as(selector.getKey())
                .isEqualTo(selector.getValue().asText()));
        assertThat(service.path("spec").path("selector").size()).isPositive();
    }

    @Test
    void everyFieldIsKnownToTheKubernetesModel() throws IOException {
        for (ObjectNode object : rendered().all()) {
            assertThat(UnknownFields.of(Manifests.YAML.writeValueAsString(object)))
                .as("unknown fields in %s %s", object.path("kind").asText(), name(object))
                .isEmpty();
        }
    }

    @Test
    void documentedOverlayPatchesSetTheIamRoleAndRegion(@TempDir Path overlay) throws IOException {
        for (String patch : List.of("irsa-service-account.yaml", "aws-region.yaml")) {
            Files.copy(ProjectFiles.deploy().resolve("patches").resolve(patch), overlay.resolve(patch));
        }
        Files.writeString(overlay.resolve("kustomization.yaml"), String.join("\n",
            "apiVersion: kustomize.config.k8s.io/v1beta1",
            "kind: Kustomization",
            "resources:",
            "  - " + overlay.relativize(ProjectFiles.deploy()),
            "patches:",
            "  - path: irsa-service-account.yaml",
            "  - path: aws-region.yaml",
            ""));
        Manifests patched = Manifests.parse(Kubectl.kustomize(Kubectl.require(), overlay));
        assertThat(patched.single("ServiceAccount").path("metadata").path("annotations")
            .path("eks.amazonaws.com/role-arn").asText())
            .matches("arn:aws:iam::\\d{12}:role/greeting-operator");
        JsonNode env = patched.single("Deployment").path("spec").path("template").path("spec")
            .path("containers").get(0).path("env");
        List<String> names = new ArrayList<>();
        env.forEach(e -> names.add(e.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(env().keySet());
        env.forEach(e -> {
            if (e.path("name").asText().equals("AWS_REGION")) {
                assertThat(e.path("value").asText()).isEqualTo("eu-west-1");
            }
        });
        assertThat(patched.kinds()).isEqualTo(rendered().kinds());
    }

    private static JsonNode pod() {
        return rendered().single("Deployment").path("spec").path("template").path("spec");
    }

    private static JsonNode container() {
        JsonNode containers = pod().path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static JsonNode probe(String name) {
        return container().path(name).path("httpGet");
    }

    private static Map<String, JsonNode> env() {
        Map<String, JsonNode> env = new TreeMap<>();
        container().path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    /** "group/resource" to verbs, over all rules (a pair split over two rules is merged). */
    private static Map<String, Set<String>> grants(JsonNode role) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (JsonNode rule : role.path("rules")) {
            for (String group : texts(rule.path("apiGroups"))) {
                for (String resource : texts(rule.path("resources"))) {
                    grants.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>())
                        .addAll(texts(rule.path("verbs")));
                }
            }
        }
        return grants;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }
}
