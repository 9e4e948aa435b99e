package dev.greeting.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends GreetingApi manifests to an API server (the real one or the embedded one) as raw JSON, the
 * way {@code kubectl apply} creates an object: POST with {@code fieldValidation=Strict}. Raw, not
 * through fabric8's typed API, because that would drop unknown fields and coerce types before the
 * server saw them. Each instance works in a namespace of its own, so tests sharing a server do not
 * see each other's objects.
 */
final class ApiServerAdmission implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLLECTION = "apis/" + GreetingApi.GROUP + "/" + GreetingApi.VERSION + "/namespaces/%s/"
            + GreetingApi.PLURAL;
    /** What kubectl apply sends on create (client-side apply), plus the server-side dry run. */
    private static final String DRY_RUN_CREATE = "?dryRun=All&fieldValidation=Strict&fieldManager=kubectl-client-side-apply";
    private static final String CRDS = "apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String CREATE = "?fieldValidation=Strict&fieldManager=kubectl-client-side-apply";

    private final KubernetesClient client;
    private final String namespace;
    private final URI collection;

    private ApiServerAdmission(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.collection = URI.create(api(COLLECTION.formatted(namespace)));
    }

    /** Takes over {@code client} (closed with this) and creates a namespace named {@code prefix-<random>}. */
    static ApiServerAdmission inNewNamespace(KubernetesClient client, String prefix) {
        String namespace = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        return new ApiServerAdmission(client, namespace);
    }

    String namespace() {
        return namespace;
    }

    /** The server's verdict on creating {@code manifest} (put in this namespace); nothing is stored. */
    ServerVerdict dryRunCreate(JsonNode manifest) {
        return send(client.getHttpClient().newHttpRequestBuilder()
                .uri(collection + DRY_RUN_CREATE).post("application/json", json(inNamespace(manifest))));
    }

    /**
     * Creates {@code manifest} under a name of its own, reads it back (the object as stored) and deletes
     * it again; for comparing what defaulting and pruning store.
     */
    JsonNode storedAfterCreate(JsonNode manifest) {
        ObjectNode object = inNamespace(manifest);
        String name = "stored-" + UUID.randomUUID().toString().substring(0, 8);
        object.with("metadata").put("name", name);
        ServerVerdict created = send(client.getHttpClient().newHttpRequestBuilder()
                .uri(collection + CREATE).post("application/json", json(object)));
        if (!created.accepted()) {
            throw new IllegalStateException("create refused: " + created);
        }
        URI objectUri = URI.create(collection + "/" + name);
        ServerVerdict read = send(client.getHttpClient().newHttpRequestBuilder().uri(objectUri));
        ServerVerdict deleted = send(client.getHttpClient().newHttpRequestBuilder().uri(objectUri).delete("application/json", "{}"));
        if (read.code() != 200 || deleted.code() != 200) {
            throw new IllegalStateException("read " + read + ", delete " + deleted);
        }
        return read.body();
    }

    /** The server-side apply that (re-)installing a CRD sends, in a dry run; its Warning headers are the point. */
    ServerVerdict dryRunApply(JsonNode crd, String fieldManager) {
        return send(client.getHttpClient().newHttpRequestBuilder()
                .uri(api(CRDS + "/" + crd.path("metadata").path("name").asText()
                        + "?dryRun=All&fieldValidation=Strict&force=true&fieldManager=" + fieldManager))
                .method("PATCH", "application/apply-patch+yaml", json(crd)));
    }

    private String api(String path) {
        String base = client.getMasterUrl().toString();
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    /** A CRD created in a dry run: the API server validates it (structure, CEL compilation and cost) and stores nothing. */
    ServerVerdict dryRunCreateCrd(JsonNode crd) {
        return send(client.getHttpClient().newHttpRequestBuilder()
                .uri(api(CRDS + "?dryRun=All&fieldValidation=Strict&fieldManager=admission-test")).post("application/json", json(crd)));
    }

    private ObjectNode inNamespace(JsonNode manifest) {
        ObjectNode object = manifest.deepCopy();
        object.with("metadata").put("namespace", namespace);
        return object;
    }

    private ServerVerdict send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.getHttpClient().sendAsync(request.build(), String.class).get(30, TimeUnit.SECONDS);
            List<String> warnings = response.headers("Warning");
            String body = response.body();
            return new ServerVerdict(response.code(), body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body),
                    warnings == null ? List.of() : warnings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("request to " + client.getMasterUrl() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the namespace (on the real server it stays Terminating: no controller-manager empties it) and closes the client. */
    @Override
    public void close() {
        try {
            client.namespaces().withName(namespace).delete();
        } finally {
            client.close();
        }
    }
}
