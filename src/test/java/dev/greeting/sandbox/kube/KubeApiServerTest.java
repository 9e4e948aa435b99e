package dev.greeting.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox API server through the fabric8 client and plain HTTP, as the operator and kubectl use it. */
class KubeApiServerTest {
    /** The CRD generated from the model, as users install it. */
    static final Path CRD = Path.of("crds/greetingapis.greeting.dev-v1.yml");
    static final ResourceDefinitionContext GAPI = new ResourceDefinitionContext.Builder()
            .withGroup("greeting.dev").withVersion("v1alpha1").withKind("GreetingApi").withPlural("greetingapis")
            .withNamespaced(true).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KubeApiServer api;
    private static KubernetesClient client;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        api = KubeApiServer.start();
        assertThat(api.installCrds(CRD)).containsExactly("greetingapis.greeting.dev");
        client = api.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        api.close();
    }

    static GenericKubernetesResource greetingApi(String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withApiVersion("greeting.dev/v1alpha1").withKind("GreetingApi")
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToAdditionalProperties("spec", spec).build();
    }

    static Map<String, Object> validSpec() {
        return Map.of("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld",
                "path", "greeting", "stage", "test");
    }

    private static HttpResponse<String> http(String method, String path, String accept, String contentType,
                                             String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url().resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryServesTheInstalledCrd() throws Exception {
        JsonNode resources = JSON.readTree(http("GET", "/apis/greeting.dev/v1alpha1", null, null, null).body());
        JsonNode gapi = resources.path("resources").get(0);
        assertThat(gapi.path("name").asText()).isEqualTo("greetingapis");
        assertThat(gapi.path("kind").asText()).isEqualTo("GreetingApi");
        assertThat(gapi.path("namespaced").asBoolean()).isTrue();
        assertThat(gapi.path("shortNames").get(0).asText()).isEqualTo("gapi");
        assertThat(gapi.path("verbs").toString()).contains("watch", "patch", "create");
        assertThat(resources.path("resources").get(1).path("name").asText()).isEqualTo("greetingapis/status");

        HttpResponse<String> aggregated = http("GET", "/apis",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json", null, null);
        assertThat(aggregated.headers().firstValue("Content-Type").orElseThrow()).contains("APIGroupDiscoveryList");
        assertThat(aggregated.body()).contains("\"greeting.dev\"", "\"singularResource\":\"greetingapi\"");
        assertThat(JSON.readTree(http("GET", "/apis", null, null, null).body()).path("kind").asText())
                .isEqualTo("APIGroupList");
        assertThat(client.getKubernetesVersion().getMajor()).isEqualTo("1");
    }

    @Test
    void createAppliesDefaultsAndRefusesAnInvalidObjectWith422() {
        GenericKubernetesResource created = client.genericKubernetesResources(GAPI).inNamespace("default")
                .resource(greetingApi("defaults", validSpec())).create();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) created.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("greeterParameter", "greeter").containsEntry("deletionPolicy", "Delete");
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getMetadata().getUid()).isNotBlank();

        Map<String, Object> bad = new java.util.HashMap<>(validSpec());
        bad.put("stage", "bad stage");
        assertThatThrownBy(() -> client.genericKubernetesResources(GAPI).inNamespace("default")
                .resource(greetingApi("invalid", bad)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage()).startsWith(
                            "GreetingApi.greeting.dev \"invalid\" is invalid: spec.stage: Invalid value: \"bad stage\"");
                    assertThat(e.getStatus().getDetails().getCauses()).singleElement().satisfies(cause -> {
                        assertThat(cause.getField()).isEqualTo("spec.stage");
                        assertThat(cause.getReason()).isEqualTo("FieldValueInvalid");
                    });
                });
        assertThat(client.genericKubernetesResources(GAPI).inNamespace("default").withName("invalid").get()).isNull();
    }

    @Test
    void createInAMissingNamespaceIsNotFound() {
        GenericKubernetesResource object = greetingApi("lost", validSpec());
        object.getMetadata().setNamespace("nowhere");
        assertThatThrownBy(() -> client.genericKubernetesResources(GAPI).inNamespace("nowhere").resource(object).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"nowhere\" not found");
                });
    }

    @Test
    void statusSubresourceTakesStatusOnlyEvenWithQueryParameters() throws Exception {
        // named "status" on purpose: its object path ends in "/status" like a status write does
        client.genericKubernetesResources(GAPI).inNamespace("default").resource(greetingApi("status", validSpec()))
                .create();
        HttpResponse<String> patched = http("PATCH",
                "/apis/greeting.dev/v1alpha1/namespaces/default/greetingapis/status/status?fieldManager=test&fieldValidation=Strict",
                null, "application/merge-patch+json",
                "{\"spec\":{\"stage\":\"ignored\"},\"status\":{\"invokeUrl\":\"http://127.0.0.1/x\",\"observedGeneration\":1}}");
        assertThat(patched.statusCode()).isEqualTo(200);
        GenericKubernetesResource stored = client.genericKubernetesResources(GAPI).inNamespace("default")
                .withName("status").get();
        assertThat(stored.get("status", "invokeUrl").toString()).isEqualTo("http://127.0.0.1/x");
        assertThat(stored.get("spec", "stage").toString()).isEqualTo("test");
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);

        // a status that breaks the schema is refused on the subresource too
        HttpResponse<String> invalid = http("PUT",
                "/apis/greeting.dev/v1alpha1/namespaces/default/greetingapis/status/status?fieldManager=test",
                null, "application/json", JSON.writeValueAsString(Map.of("apiVersion", "greeting.dev/v1alpha1",
                        "kind", "GreetingApi", "metadata", Map.of("name", "status"),
                        "status", Map.of("observedGeneration", "two"))));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(invalid.body()).path("details").path("causes").get(0).path("field").asText())
                .isEqualTo("status.observedGeneration");

        // a spec update (PUT) bumps the generation and leaves status alone
        GenericKubernetesResource changed = client.genericKubernetesResources(GAPI).inNamespace("default")
                .withName("status").get();
        changed.setAdditionalProperty("spec", Map.of("functionArn",
                "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld", "path", "greeting", "stage", "prod"));
        changed.setAdditionalProperty("status", Map.of("invokeUrl", "overwritten"));
        GenericKubernetesResource updated = client.genericKubernetesResources(GAPI).inNamespace("default")
                .resource(changed).update();
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(updated.get("spec", "stage").toString()).isEqualTo("prod");
        assertThat(updated.get("status", "invokeUrl").toString()).isEqualTo("http://127.0.0.1/x");
    }

    @Test
    void tablesRenderThePrinterColumns() throws Exception {
        client.genericKubernetesResources(GAPI).inNamespace("default").resource(greetingApi("table", validSpec()))
                .create();
        http("PATCH", "/apis/greeting.dev/v1alpha1/namespaces/default/greetingapis/table/status", null,
                "application/merge-patch+json", "{\"status\":{\"invokeUrl\":\"http://u/test/greeting\",\"conditions\":"
                        + "[{\"type\":\"Other\",\"status\":\"False\"},{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        HttpResponse<String> response = http("GET", "/apis/greeting.dev/v1alpha1/namespaces/default/greetingapis/table",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json", null, null);
        JsonNode table = JSON.readTree(response.body());
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        List<String> columns = table.path("columnDefinitions").findValuesAsText("name");
        // the CRD's order; every column, with its priority: kubectl shows priority 1 only with -o wide
        assertThat(columns).containsExactly("Name", "Ready", "URL", "Age", "REST API ID");
        assertThat(table.path("columnDefinitions").findValuesAsText("priority")).containsExactly("0", "0", "0", "0", "1");
        JsonNode cells = table.path("rows").get(0).path("cells");
        assertThat(cells.get(0).asText()).isEqualTo("table");
        assertThat(cells.get(columns.indexOf("Ready")).asText()).isEqualTo("True");
        assertThat(cells.get(columns.indexOf("URL")).asText()).isEqualTo("http://u/test/greeting");
        assertThat(cells.get(columns.indexOf("Age")).asText()).matches("\\d+s");
        assertThat(table.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void httpWatchStreamsNewEventsAsJsonLines() throws Exception {
        client.genericKubernetesResources(GAPI).inNamespace("default").resource(greetingApi("before", validSpec()))
                .create();
        String since = JSON.readTree(http("GET", "/apis/greeting.dev/v1alpha1/namespaces/default/greetingapis",
                null, null, null).body()).path("metadata").path("resourceVersion").asText();
        HttpRequest watch = HttpRequest.newBuilder(api.url().resolve(
                "/apis/greeting.dev/v1alpha1/namespaces/default/greetingapis?watch=true&resourceVersion=" + since
                        + "&timeoutSeconds=20")).build();
        HttpResponse<Stream<String>> response = HTTP.send(watch, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        client.genericKubernetesResources(GAPI).inNamespace("default").resource(greetingApi("after", validSpec()))
                .create();
        await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
        JsonNode event = JSON.readTree(lines.get(0));
        assertThat(event.path("type").asText()).isEqualTo("ADDED");
        assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("after");
        assertThat(lines).noneMatch(line -> line.contains("\"name\":\"before\""));
        response.body().close();
    }

    @Test
    void informerOfTheTypedModelSeesAddUpdateAndDelete() {
        List<String> events = new CopyOnWriteArrayList<>();
        SharedIndexInformer<GreetingApi> informer = client.resources(GreetingApi.class).inNamespace("default")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GreetingApi obj) {
                        events.add("add " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(GreetingApi oldObj, GreetingApi newObj) {
                        if (!oldObj.getMetadata().getResourceVersion().equals(newObj.getMetadata().getResourceVersion())) {
                            events.add("update " + newObj.getMetadata().getName());
                        }
                    }

                    @Override
                    public void onDelete(GreetingApi obj, boolean deletedFinalStateUnknown) {
                        events.add("delete " + obj.getMetadata().getName());
                    }
                });
        try {
            client.genericKubernetesResources(GAPI).inNamespace("default").resource(greetingApi("informed", validSpec()))
                    .create();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("add informed"));
            client.genericKubernetesResources(GAPI).inNamespace("default").withName("informed")
                    .edit(r -> {
                        r.getMetadata().setLabels(Map.of("seen", "yes"));
                        return r;
                    });
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("update informed"));
            client.genericKubernetesResources(GAPI).inNamespace("default").withName("informed").delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("delete informed"));
        } finally {
            informer.close();
        }
    }

    @Test
    void deleteWithAFinalizerMarksTheObjectUntilTheFinalizerGoes() {
        GenericKubernetesResource object = greetingApi("finalized", validSpec());
        object.getMetadata().setFinalizers(List.of("greeting.dev/finalizer"));
        client.genericKubernetesResources(GAPI).inNamespace("default").resource(object).create();

        client.genericKubernetesResources(GAPI).inNamespace("default").withName("finalized").delete();
        GenericKubernetesResource marked = client.genericKubernetesResources(GAPI).inNamespace("default")
                .withName("finalized").get();
        assertThat(marked.getMetadata().getDeletionTimestamp()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        client.genericKubernetesResources(GAPI).inNamespace("default").withName("finalized").edit(r -> {
            r.getMetadata().setFinalizers(List.of());
            return r;
        });
        assertThat(client.genericKubernetesResources(GAPI).inNamespace("default").withName("finalized").get()).isNull();
    }

    @Test
    void fieldSelectorsFilterEventsByTheirInvolvedObject() {
        for (String involved : List.of("described", "other")) {
            client.v1().events().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                    .withNewMetadata().withName(involved + ".1").endMetadata()
                    .withNewInvolvedObject().withKind("GreetingApi").withName(involved).withNamespace("default")
                    .endInvolvedObject().withReason("Deployed").withType("Normal").build()).create();
        }
        assertThat(client.v1().events().inNamespace("default")
                .withField("involvedObject.name", "described").withField("involvedObject.kind", "GreetingApi")
                .list().getItems()).extracting(e -> e.getMetadata().getName()).containsExactly("described.1");
        assertThat(client.v1().events().inNamespace("default").withoutField("involvedObject.name", "described")
                .list().getItems()).extracting(e -> e.getMetadata().getName()).contains("other.1")
                .doesNotContain("described.1");
    }

    @Test
    void concurrentPatchesAllLandAndAStalePinnedPatchConflicts() throws Exception {
        client.genericKubernetesResources(GAPI).inNamespace("default").resource(greetingApi("raced", validSpec()))
                .create();
        String path = "/apis/greeting.dev/v1alpha1/namespaces/default/greetingapis/raced";
        List<Thread> writers = new java.util.ArrayList<>();
        List<Integer> codes = new CopyOnWriteArrayList<>();
        for (String writer : List.of("a", "b", "c")) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 15; i++) {
                    try {
                        codes.add(http("PATCH", path + (writer.equals("c") ? "/status" : ""), null,
                                "application/merge-patch+json", writer.equals("c")
                                        ? "{\"status\":{\"observedGeneration\":" + i + "}}"
                                        : "{\"metadata\":{\"labels\":{\"" + writer + i + "\":\"x\"}}}").statusCode());
                    } catch (Exception e) {
                        codes.add(-1);
                    }
                }
            });
            thread.start();
            writers.add(thread);
        }
        for (Thread writer : writers) {
            writer.join(30_000);
        }
        assertThat(codes).hasSize(45).containsOnly(200);
        GenericKubernetesResource raced = client.genericKubernetesResources(GAPI).inNamespace("default")
                .withName("raced").get();
        assertThat(raced.getMetadata().getLabels()).hasSize(30);
        assertThat(raced.get("status", "observedGeneration").toString()).isEqualTo("14");

        HttpResponse<String> stale = http("PATCH", path, null, "application/merge-patch+json",
                "{\"metadata\":{\"resourceVersion\":\"1\",\"labels\":{\"late\":\"x\"}}}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).path("reason").asText()).isEqualTo("Conflict");
    }

    @Test
    void unknownResourcesAnswerNotFoundWithAStatus() throws Exception {
        HttpResponse<String> response = http("GET", "/apis/greeting.dev/v1alpha1/namespaces/default/greetingapis/none",
                null, null, null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("message").asText())
                .isEqualTo("greetingapis.greeting.dev \"none\" not found");
        assertThat(http("GET", "/apis/nothing.dev/v1/things", null, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void writesAKubeconfigTheFabric8ClientLoads(@TempDir Path dir) throws Exception {
        Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
        assertThat(config.getMasterUrl()).startsWith("http://127.0.0.1:" + api.port());
        assertThat(config.getNamespace()).isEqualTo("default");
        try (KubernetesClient fromFile = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThat(fromFile.namespaces().list().getItems()).extracting(ns -> ns.getMetadata().getName())
                    .contains("default", "kube-system");
        }
    }
}
