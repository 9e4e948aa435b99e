package dev.greeting.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.RealKube;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A streaming list (watch with {@code sendInitialEvents=true}, what kubectl wait and client-go's
 * reflectors send since Kubernetes 1.35) on the embedded server and on the real one: the current
 * objects as ADDED, then a BOOKMARK marked {@code k8s.io/initial-events-end}. The embedded server
 * lacked the bookmark, and kubectl 1.37's wait hung on it.
 */
@ExtendWith(RealKube.class)
class WatchListAgreementTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ResourceDefinitionContext GAPI = new ResourceDefinitionContext.Builder().withGroup("greeting.dev")
            .withVersion("v1alpha1").withPlural("greetingapis").withKind("GreetingApi").withNamespaced(true).build();

    @Test
    void bothServersEndTheInitialEventsWithTheSameBookmark(RealKubeApiServer real) throws Exception {
        List<JsonNode> fromReal;
        try (KubernetesClient client = real.newClient()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("watch-list").endMetadata().build())
                    .createOr(c -> c.update());
            fromReal = streamingList(client, real.httpClient(), real.url(), "Bearer " + real.adminToken(), "watch-list");
        }
        List<JsonNode> fromEmbedded;
        try (KubeApiServer embedded = KubeApiServer.start(); KubernetesClient client = embedded.newClient()) {
            embedded.installCrds(Path.of("crds/greetingapis.greeting.dev-v1.yml"));
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("watch-list").endMetadata().build())
                    .createOr(c -> c.update());
            fromEmbedded = streamingList(client, HttpClient.newHttpClient(), embedded.url(), null, "watch-list");
        }
        assertThat(shape(fromEmbedded)).isEqualTo(shape(fromReal))
                .isEqualTo(List.of("ADDED one", "ADDED two", "BOOKMARK initial-events-end=true"));
        for (List<JsonNode> events : List.of(fromReal, fromEmbedded)) {
            long bookmark = Long.parseLong(events.get(2).path("object").path("metadata").path("resourceVersion").asText());
            assertThat(bookmark).isGreaterThanOrEqualTo(Long.parseLong(
                    events.get(1).path("object").path("metadata").path("resourceVersion").asText()));
            assertThat(events.get(2).path("object").path("kind").asText()).isEqualTo("GreetingApi");
        }
    }

    private static List<JsonNode> streamingList(KubernetesClient client, HttpClient http, URI server, String authorization,
                                                String namespace) throws Exception {
        for (String name : List.of("one", "two")) {
            client.genericKubernetesResources(GAPI).inNamespace(namespace).resource(greetingApi(name)).create();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/apis/greeting.dev/v1alpha1/namespaces/"
                + namespace + "/greetingapis?watch=true&sendInitialEvents=true&allowWatchBookmarks=true"
                + "&resourceVersionMatch=NotOlderThan&timeoutSeconds=20"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> response.body().forEach(line -> {
            try {
                events.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new IllegalStateException(line, e);
            }
        }));
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.path("type").asText().equals("BOOKMARK")));
        response.body().close();
        for (String name : List.of("one", "two")) {
            client.genericKubernetesResources(GAPI).inNamespace(namespace).withName(name).delete();
        }
        return List.copyOf(events);
    }

    /** "ADDED name" per object event, "BOOKMARK initial-events-end=..." per bookmark. */
    private static List<String> shape(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText().equals("BOOKMARK")
                ? "BOOKMARK initial-events-end=" + e.path("object").path("metadata").path("annotations")
                        .path("k8s.io/initial-events-end").asText()
                : e.path("type").asText() + " " + e.path("object").path("metadata").path("name").asText()).toList();
    }

    private static GenericKubernetesResource greetingApi(String name) {
        return new GenericKubernetesResourceBuilder().withApiVersion("greeting.dev/v1alpha1").withKind("GreetingApi")
                .withNewMetadata().withName(name).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of(
                        "functionArn", "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld",
                        "path", "greeting", "stage", "test"))).build();
    }
}
