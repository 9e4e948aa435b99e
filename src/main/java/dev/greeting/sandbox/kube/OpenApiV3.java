package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A minimal OpenAPI v3 description, enough for kubectl's default {@code --validate=strict}: it reads
 * {@code /openapi/v3/<group-version>} to learn that PATCH accepts the {@code fieldValidation}
 * parameter (then the server validates, with fieldValidation=Strict) and which patch types exist
 * (no strategic merge for custom resources). CRD schemas are included for {@code kubectl explain}.
 */
final class OpenApiV3 {
    private final List<ResourceType> types;

    OpenApiV3(List<ResourceType> types) {
        this.types = types;
    }

    /** {@code /openapi/v3}: each group-version and the URL of its document. */
    ObjectNode root() {
        ObjectNode root = KubeJson.object();
        ObjectNode paths = root.putObject("paths");
        for (String groupVersion : groupVersions()) {
            String key = groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
            ObjectNode document = document(groupVersion).orElseThrow();
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash(document));
        }
        return root;
    }

    /** {@code /openapi/v3/apis/G/V} or {@code /openapi/v3/api/v1}. */
    Optional<ObjectNode> document(String groupVersion) {
        List<ResourceType> served = types.stream().filter(t -> t.apiVersion().equals(groupVersion)).toList();
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = KubeJson.object().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        for (ResourceType type : served) {
            String schemaName = schemaName(type);
            String prefix = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.apiVersion();
            String objectPath = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural()
                    + "/{name}";
            paths.putObject(objectPath).set("patch", patchOperation(type, schemaName));
            if (type.statusSubresource()) {
                paths.putObject(objectPath + "/status").set("patch", patchOperation(type, schemaName));
            }
            ObjectNode schema = type.schema() != null && type.schema().isObject()
                    ? ((ObjectNode) type.schema()).deepCopy() : KubeJson.object().put("type", "object");
            gvk(schema.putArray("x-kubernetes-group-version-kind").addObject(), type);
            schemas.set(schemaName, schema);
        }
        return Optional.of(doc);
    }

    private static ObjectNode patchOperation(ResourceType type, String schemaName) {
        ObjectNode patch = KubeJson.object().put("operationId", "patch" + type.kind());
        ArrayNode parameters = patch.putArray("parameters");
        for (String name : List.of("dryRun", "fieldManager", "fieldValidation")) {
            parameters.addObject().put("name", name).put("in", "query").putObject("schema").put("type", "string")
                    .put("uniqueItems", true);
        }
        ObjectNode content = patch.putObject("requestBody").putObject("content");
        for (String mediaType : List.of("application/json-patch+json", "application/merge-patch+json")) {
            content.putObject(mediaType).putObject("schema").put("type", "object");
        }
        patch.putObject("responses").putObject("200").put("description", "OK").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + schemaName);
        patch.put("x-kubernetes-action", "patch");
        gvk(patch.putObject("x-kubernetes-group-version-kind"), type);
        return patch;
    }

    private static void gvk(ObjectNode node, ResourceType type) {
        node.put("group", type.group()).put("version", type.version()).put("kind", type.kind());
    }

    /** "dev.greeting.v1alpha1.GreetingApi": the group reversed, as kube-apiserver names CRD schemas. */
    private static String schemaName(ResourceType type) {
        if (type.group().isEmpty()) {
            return "io.k8s.api.core." + type.version() + "." + type.kind();
        }
        List<String> parts = new java.util.ArrayList<>(List.of(type.group().split("\\.")));
        java.util.Collections.reverse(parts);
        return String.join(".", parts) + "." + type.version() + "." + type.kind();
    }

    private Set<String> groupVersions() {
        Set<String> groupVersions = new LinkedHashSet<>();
        types.forEach(t -> groupVersions.add(t.apiVersion()));
        return groupVersions;
    }

    private static String hash(ObjectNode document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512")
                    .digest(KubeJson.write(document).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
