package dev.greeting.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies manifests much as {@code kubectl apply} does: through the API server, so its
 * admission (schema, defaults, pruning, CEL rules) decides, and an invalid object is refused with
 * the server's reasons. Objects are kept generic so that unknown fields reach the server as written.
 */
public final class Manifests {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    /** An object that was applied. */
    public record Applied(String apiVersion, String kind, String namespace, String name, boolean created) {
        public boolean isGreetingApi() {
            return "GreetingApi".equals(kind) && apiVersion.startsWith(dev.greeting.model.GreetingApi.GROUP + "/");
        }

        @Override
        public String toString() {
            return kind.toLowerCase(java.util.Locale.ROOT) + " " + namespace + "/" + name;
        }
    }

    /** A manifest the API server refused, with its reasons. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Parses every document of a YAML file (documents separated by ---; empty ones skipped). */
    public static List<GenericKubernetesResource> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<GenericKubernetesResource> read(InputStream yaml) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            // hasNextValue/nextValue, not hasNext/next: those wrap a YAML syntax error in a bare RuntimeException
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                if (!document.hasNonNull("apiVersion") || !document.hasNonNull("kind")) {
                    throw new IllegalArgumentException("not a Kubernetes object (no apiVersion or kind): " + document);
                }
                objects.add(Serialization.jsonMapper().treeToValue(document, GenericKubernetesResource.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not valid YAML: " + e.getMessage(), e);
        }
        return objects;
    }

    /** Creates each object, or merge-patches it with the manifest when it exists; namespaced objects without a namespace go to the client's namespace. */
    public static List<Applied> apply(KubernetesClient client, List<GenericKubernetesResource> objects) {
        List<Applied> applied = new ArrayList<>();
        for (GenericKubernetesResource object : objects) {
            String name = object.getMetadata() == null ? null : object.getMetadata().getName();
            String label = object.getKind() + " " + (name == null ? "(no name)" : name);
            try {
                var resource = client.resource(object);
                boolean exists = name != null && resource.get() != null;
                // An existing object is merge-patched with the manifest, as kubectl apply changes it:
                // what the manifest does not mention (the operator's finalizer, status) stays.
                GenericKubernetesResource result = exists
                        ? resource.patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(object))
                        : resource.create();
                applied.add(new Applied(result.getApiVersion(), result.getKind(), result.getMetadata().getNamespace(),
                        result.getMetadata().getName(), !exists));
            } catch (KubernetesClientException e) {
                throw new RefusedException(label + " refused: " + reasons(e), e);
            }
        }
        return applied;
    }

    /** The Status message the API server sent (it lists the invalid fields), else the client's message. */
    static String reasons(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
