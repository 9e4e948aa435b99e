package dev.greeting.sandbox.kube;

import dev.greeting.testsupport.Kubectl;

import static dev.greeting.sandbox.kube.KubeApiServerTest.GAPI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the sandbox API server: the commands a newcomer types. */
class KubectlTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static KubeApiServer api;
    private static KubernetesClient client;
    private static Kubectl kubectl;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> binary = Kubectl.find();
        if (binary.isEmpty()) {
            System.out.println("SKIPPED KubectlTest: no kubectl on this machine (looked at $KUBECTL, /usr/bin/kubectl, PATH)");
        }
        Assumptions.assumeTrue(binary.isPresent(), "kubectl not found: install it to run the kubectl tests");
        api = KubeApiServer.start();
        api.installCrds(KubeApiServerTest.CRD);
        client = api.newClient();
        kubectl = new Kubectl(binary.get(), api.writeKubeconfig(dir.resolve("kubeconfig")), dir, TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static Path manifest(String name, String specExtra) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: %s
                spec:
                  functionArn: arn:aws:lambda:us-east-1:123456789012:function:HelloWorld
                  path: greeting
                  stage: test
                %s""".formatted(name, specExtra));
        return file;
    }

    /** What the operator does once the API is deployed: status with an invoke URL and Ready=True. */
    private static void markReady(String name) {
        GenericKubernetesResource object = client.genericKubernetesResources(GAPI).inNamespace("default")
                .withName(name).get();
        object.setAdditionalProperty("status", Map.of(
                "invokeUrl", "http://127.0.0.1:4566/_aws/execute-api/abc123/test/greeting",
                "observedGeneration", 1,
                "conditions", List.of(Map.of("type", "Ready", "status", "True", "reason", "Deployed",
                        "lastTransitionTime", "2025-01-01T00:00:00Z"))));
        client.genericKubernetesResources(GAPI).inNamespace("default").resource(object).updateStatus();
    }

    @Test
    void applyThenGetShowsReadyAndUrlColumns() throws Exception {
        Kubectl.Result applied = kubectl.run("apply", "--validate=false", "-f", manifest("columns", "").toString());
        assertThat(applied.exit()).as(applied.all()).isZero();
        assertThat(applied.out()).contains("greetingapi.greeting.dev/columns created");

        Kubectl.Result before = kubectl.run("get", "gapi");
        assertThat(before.exit()).as(before.all()).isZero();
        List<String> header = List.of(before.out().lines().findFirst().orElseThrow().trim().split("\\s+"));
        assertThat(header).containsExactly("NAME", "READY", "URL", "AGE");

        markReady("columns");
        Kubectl.Result after = kubectl.run("get", "greetingapis", "columns");
        List<String> row = List.of(after.out().lines().skip(1).findFirst().orElseThrow().trim().split("\\s+"));
        assertThat(row.get(0)).isEqualTo("columns");
        assertThat(row.get(header.indexOf("READY"))).isEqualTo("True");
        assertThat(row.get(header.indexOf("URL")))
                .isEqualTo("http://127.0.0.1:4566/_aws/execute-api/abc123/test/greeting");
        assertThat(row.get(header.indexOf("AGE"))).matches("\\d+s");

        Kubectl.Result reapplied = kubectl.run("apply", "--validate=false", "-f",
                manifest("columns", "  greeterParameter: name\n").toString());
        assertThat(reapplied.out()).contains("greetingapi.greeting.dev/columns configured");
        Kubectl.Result yaml = kubectl.run("get", "gapi", "columns", "-o", "yaml");
        assertThat(yaml.out()).contains("kind: GreetingApi", "greeterParameter: name", "deletionPolicy: Delete",
                "generation: 2", "invokeUrl: http://127.0.0.1:4566/_aws/execute-api/abc123/test/greeting",
                "kubectl.kubernetes.io/last-applied-configuration");
    }

    @Test
    void waitReturnsWhenTheOperatorSetsReady() throws Exception {
        assertThat(kubectl.run("apply", "--validate=false", "-f", manifest("waited", "").toString()).exit()).isZero();
        int watchesBefore = api.activeWatches();
        try (Kubectl.Running wait = kubectl.start("wait", "--for=condition=Ready", "gapi/waited", "--timeout=20s")) {
            await().atMost(WAIT).until(() -> api.activeWatches() > watchesBefore);
            markReady("waited");
            Kubectl.Result result = wait.await();
            assertThat(result.exit()).as(result.all()).isZero();
            assertThat(result.out()).contains("greetingapi.greeting.dev/waited condition met");
        }
    }

    @Test
    void getWatchPrintsTheUpdatedRow() throws Exception {
        assertThat(kubectl.run("apply", "--validate=false", "-f", manifest("watched", "").toString()).exit()).isZero();
        int watchesBefore = api.activeWatches();
        try (Kubectl.Running watch = kubectl.start("get", "gapi", "watched", "-w")) {
            await().atMost(WAIT).until(() -> api.activeWatches() > watchesBefore);
            markReady("watched");
            await().atMost(WAIT).until(() -> watch.outSoFar().contains("True"));
            assertThat(watch.outSoFar().lines().filter(line -> line.startsWith("watched")).count()).isEqualTo(2);
        }
    }

    @Test
    void deleteWaitsForTheFinalizerThenTheResourceIsGone() throws Exception {
        assertThat(kubectl.run("apply", "--validate=false", "-f", manifest("deleted", "").toString()).exit()).isZero();
        client.genericKubernetesResources(GAPI).inNamespace("default").withName("deleted").edit(r -> {
            r.getMetadata().setFinalizers(List.of("greeting.dev/finalizer"));
            return r;
        });
        try (Kubectl.Running delete = kubectl.start("delete", "gapi", "deleted", "--timeout=20s")) {
            await().atMost(WAIT).until(() -> client.genericKubernetesResources(GAPI).inNamespace("default")
                    .withName("deleted").get().getMetadata().getDeletionTimestamp() != null);
            // the operator's part: clean up, then release the finalizer
            GenericKubernetesResource marked = client.genericKubernetesResources(GAPI).inNamespace("default")
                    .withName("deleted").get();
            marked.getMetadata().setFinalizers(List.of());
            client.genericKubernetesResources(GAPI).inNamespace("default").resource(marked).update();
            Kubectl.Result result = delete.await();
            assertThat(result.exit()).as(result.all()).isZero();
            assertThat(result.out()).contains("greetingapi.greeting.dev \"deleted\" deleted");
        }
        Kubectl.Result gone = kubectl.run("get", "gapi", "deleted");
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.err()).contains("Error from server (NotFound): greetingapis.greeting.dev \"deleted\" not found");
    }

    @Test
    void aBadManifestIsRefusedWithItsReasons() throws Exception {
        Path bad = manifest("bad", "  deletionPolicy: Keep\n").toAbsolutePath();
        Files.writeString(bad, Files.readString(bad).replace("stage: test", "stage: \"bad stage\""));
        Kubectl.Result result = kubectl.run("apply", "--validate=false", "-f", bad.toString());
        assertThat(result.exit()).isNotZero();
        assertThat(result.err()).contains("The GreetingApi \"bad\" is invalid:",
                "spec.stage: Invalid value: \"bad stage\": spec.stage in body should match '^[a-zA-Z0-9_]{1,128}$'",
                "spec.deletionPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Retain\"");

        // a CEL rule of the CRD: the API's region must be in the function's partition
        Path crossPartition = manifest("cross", "  region: cn-north-1\n");
        Kubectl.Result cel = kubectl.run("apply", "--validate=false", "-f", crossPartition.toString());
        // as kube-apiserver words it: the value of an object (spec, the rule's node) is omitted
        assertThat(cel.err()).contains("The GreetingApi \"cross\" is invalid: spec.region: Invalid value:"
                + " region must be in the same AWS partition as functionArn");
        assertThat(kubectl.run("get", "gapi", "bad").exit()).isNotZero();
    }

    @Test
    void defaultValidationIsStrictOnTheServer() throws Exception {
        Kubectl.Result unknown = kubectl.run("apply", "-f", manifest("strict", "  bogus: 1\n").toString());
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("strict decoding error: unknown field \"spec.bogus\"");

        Kubectl.Result valid = kubectl.run("apply", "-f", manifest("strict", "").toString());
        assertThat(valid.exit()).as(valid.all()).isZero();
    }

    @Test
    void describeShowsTheEventsTheOperatorRecorded() throws Exception {
        assertThat(kubectl.run("apply", "--validate=false", "-f", manifest("described", "").toString()).exit()).isZero();
        String uid = client.genericKubernetesResources(GAPI).inNamespace("default").withName("described").get()
                .getMetadata().getUid();
        client.v1().events().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata().withName("described.deployed").endMetadata()
                .withNewInvolvedObject().withApiVersion("greeting.dev/v1alpha1").withKind("GreetingApi")
                .withName("described").withNamespace("default").withUid(uid).endInvolvedObject()
                .withReason("Deployed").withMessage("REST API abc123 deployed to stage test").withType("Normal")
                .withNewSource().withComponent("greeting-operator").endSource().build()).create();
        Kubectl.Result described = kubectl.run("describe", "gapi", "described");
        assertThat(described.exit()).as(described.all()).isZero();
        assertThat(described.out()).contains("Stage:", "test")
                .containsPattern("Normal\\s+Deployed\\s+.*greeting-operator\\s+REST API abc123 deployed to stage test");
    }

    @Test
    void kubectlInstallsTheCrdOnAnEmptyServer() {
        try (KubeApiServer empty = KubeApiServer.start()) {
            Kubectl fresh = new Kubectl(Kubectl.find().orElseThrow(),
                    empty.writeKubeconfig(dir.resolve("empty-kubeconfig")), dir, TIMEOUT);
            Kubectl.Result crd = fresh.run("apply", "-f", KubeApiServerTest.CRD.toString());
            assertThat(crd.exit()).as(crd.all()).isZero();
            assertThat(crd.out()).contains("customresourcedefinition.apiextensions.k8s.io/greetingapis.greeting.dev created");
            Kubectl.Result established = fresh.run("wait", "--for=condition=Established",
                    "crd/greetingapis.greeting.dev", "--timeout=10s");
            assertThat(established.exit()).as(established.all()).isZero();
            Kubectl.Result example = fresh.run("apply", "-f", "examples/hello-world.yaml");
            assertThat(example.exit()).as(example.all()).isZero();
            assertThat(fresh.run("get", "gapi", "hello-world").out()).contains("hello-world");
        }
    }

    @Test
    void aFabric8WatchSeesWhatKubectlApplies() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Watch watch = client.genericKubernetesResources(GAPI).inNamespace("default").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            assertThat(kubectl.run("apply", "--validate=false", "-f", manifest("seen", "").toString()).exit()).isZero();
            await().atMost(WAIT).until(() -> events.contains("ADDED seen"));
            assertThat(kubectl.run("delete", "gapi", "seen").exit()).isZero();
            await().atMost(WAIT).until(() -> events.contains("DELETED seen"));
        }
    }
}
