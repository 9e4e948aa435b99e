package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.sandbox.kube.admission.Admission;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The request logic of the sandbox API server for everything but watches: discovery, reads (as
 * JSON or as Tables), and writes with admission, status-subresource and finalizer semantics, on top
 * of the CRUD {@link Store}.
 */
final class ApiHandler {
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final ResourceTypes types;
    private final Clock clock;
    private final String serverAddress;

    ApiHandler(Store store, ResourceTypes types, Clock clock, String serverAddress) {
        this.store = store;
        this.types = types;
        this.clock = clock;
        this.serverAddress = serverAddress;
    }

    ApiResponse handle(ApiRequest request) {
        try {
            return route(request);
        } catch (ApiException e) {
            return ApiResponse.json(e.code(), e.status());
        }
    }

    private ApiResponse route(ApiRequest request) {
        String path = request.path().replaceAll("/+$", "");
        if (request.method().equals("GET")) {
            Optional<ApiResponse> meta = serverMetadata(path, request.accept());
            if (meta.isPresent()) {
                return meta.get();
            }
        }
        ResourcePath resource = ResourcePath.parse(path).orElseThrow(() -> new ApiException(Statuses.noSuchPath()));
        ResourceType type = resolve(resource);
        if (request.contentType() != null && !request.body().isEmpty()
                && !request.contentType().toLowerCase(Locale.ROOT).contains("json")
                && !request.contentType().toLowerCase(Locale.ROOT).contains("apply-patch")) {
            // JSON only (no protobuf, no CBOR): client-go then retries with JSON
            throw new ApiException(Statuses.unsupportedMediaType(request.contentType()));
        }
        return switch (request.method()) {
            case "GET" -> get(resource, type, request);
            case "POST" -> create(resource, type, request);
            case "PUT" -> update(resource, type, request, KubeJson.parseObject(request.body()));
            case "PATCH" -> patch(resource, type, request);
            case "DELETE" -> delete(resource, type, request);
            default -> throw new ApiException(Statuses.methodNotAllowed("the server does not allow this method on the"
                    + " requested resource"));
        };
    }

    /** The type a path addresses; 404 for unknown resources and subresources, as the real server. */
    ResourceType resolve(ResourcePath resource) {
        ResourceType type = types.find(resource.group(), resource.version(), resource.plural())
                .orElseThrow(() -> new ApiException(Statuses.noSuchPath()));
        if (resource.subresource() != null && !(resource.isStatus() && type.statusSubresource())) {
            throw new ApiException(Statuses.noSuchPath());
        }
        if (resource.namespace() != null && !type.namespaced()) {
            throw new ApiException(Statuses.noSuchPath());
        }
        return type;
    }

    private Optional<ApiResponse> serverMetadata(String path, String accept) {
        Discovery discovery = new Discovery(types.all());
        boolean aggregated = Discovery.wantsAggregated(accept);
        if (path.equals("/version")) {
            return Optional.of(ApiResponse.json(200, discovery.version()));
        } else if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
            return Optional.of(ApiResponse.text(200, "ok"));
        } else if (path.equals("/api")) {
            return Optional.of(aggregated ? ApiResponse.json(200, discovery.aggregated(true), Discovery.AGGREGATED_V2)
                    : ApiResponse.json(200, discovery.coreVersions(serverAddress)));
        } else if (path.equals("/apis")) {
            return Optional.of(aggregated ? ApiResponse.json(200, discovery.aggregated(false), Discovery.AGGREGATED_V2)
                    : ApiResponse.json(200, discovery.groupList()));
        } else if (path.equals("/openapi/v3")) {
            return Optional.of(ApiResponse.json(200, new OpenApiV3(types.all()).root()));
        } else if (path.startsWith("/openapi/v3/api/") || path.startsWith("/openapi/v3/apis/")) {
            String groupVersion = path.substring("/openapi/v3/".length()).replaceFirst("^apis?/", "");
            return Optional.of(new OpenApiV3(types.all()).document(groupVersion).map(d -> ApiResponse.json(200, d))
                    .orElseThrow(() -> new ApiException(Statuses.noSuchPath())));
        } else if (path.equals("/api/v1")) {
            return discovery.resourceList("", "v1").map(list -> ApiResponse.json(200, list));
        }
        String[] parts = path.split("/");
        if (parts.length == 3 && parts[1].equals("apis")) {
            return Optional.of(discovery.group(parts[2]).map(g -> ApiResponse.json(200, g))
                    .orElseThrow(() -> new ApiException(Statuses.noSuchPath())));
        } else if (parts.length == 4 && parts[1].equals("apis")) {
            return Optional.of(discovery.resourceList(parts[2], parts[3]).map(l -> ApiResponse.json(200, l))
                    .orElseThrow(() -> new ApiException(Statuses.noSuchPath())));
        }
        return Optional.empty();
    }

    // ---- reads

    private ApiResponse get(ResourcePath resource, ResourceType type, ApiRequest request) {
        boolean table = TableConverter.wanted(request.accept());
        if (resource.isCollection()) {
            Store.Reply reply = store.get(selectorPath(resource.collectionPath(), request, null));
            ObjectNode list = reply.json();
            FieldSelector fields = FieldSelector.parse(request.param("fieldSelector"));
            ArrayNode matching = list.putArray("items");
            reply.json().path("items").forEach(item -> {
                if (fields.matches(item)) {
                    matching.add(item);
                }
            });
            String resourceVersion = list.path("metadata").path("resourceVersion").asText(null);
            if (table) {
                List<JsonNode> items = new ArrayList<>();
                list.path("items").forEach(items::add);
                return ApiResponse.json(200, new TableConverter(type, clock)
                        .table(items, resourceVersion, request.param("includeObject")), TableConverter.CONTENT_TYPE);
            }
            list.put("kind", type.kind() + "List").put("apiVersion", type.apiVersion());
            ((ObjectNode) list.path("metadata")).remove("selfLink");
            return ApiResponse.json(200, list);
        }
        ObjectNode object = current(resource, type);
        if (table) {
            return ApiResponse.json(200, new TableConverter(type, clock).table(List.of(object),
                    object.path("metadata").path("resourceVersion").asText(null), request.param("includeObject")),
                    TableConverter.CONTENT_TYPE);
        }
        return ApiResponse.json(200, object);
    }

    private ObjectNode current(ResourcePath resource, ResourceType type) {
        return store.read(resource.objectPath())
                .orElseThrow(() -> new ApiException(Statuses.notFound(type, resource.name())));
    }

    /**
     * A store path with the selectors the CRUD mock understands: the label selector, and the field
     * selector's name and namespace terms ('=' left literal: the mock splits on it). The rest of the
     * field selector is applied by the front ({@link FieldSelector}).
     */
    static String selectorPath(String path, ApiRequest request, String extraFieldSelector) {
        List<String> params = new ArrayList<>();
        String labels = request.param("labelSelector");
        String fields = FieldSelector.parse(request.param("fieldSelector")).forStore();
        if (extraFieldSelector != null) {
            fields = fields.isBlank() ? extraFieldSelector : fields + "," + extraFieldSelector;
        }
        if (labels != null && !labels.isBlank()) {
            params.add("labelSelector=" + selectorValue(labels));
        }
        if (!fields.isBlank()) {
            params.add("fieldSelector=" + selectorValue(fields));
        }
        return params.isEmpty() ? path : path + "?" + String.join("&", params);
    }

    private static String selectorValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("%3D", "=").replace("%21", "!").replace("%2C", ",");
    }

    // ---- writes

    private ApiResponse create(ResourcePath resource, ResourceType type, ApiRequest request) {
        if (!resource.isCollection() || resource.subresource() != null) {
            throw new ApiException(Statuses.methodNotAllowed("the server does not allow this method on the"
                    + " requested resource"));
        }
        ObjectNode object = KubeJson.parseObject(request.body());
        checkTypeMeta(object, type);
        ObjectNode metadata = object.with("metadata");
        if (type.namespaced()) {
            if (resource.namespace() == null) {
                throw new ApiException(Statuses.noSuchPath());
            }
            String declared = metadata.path("namespace").asText("");
            if (!declared.isEmpty() && !declared.equals(resource.namespace())) {
                throw new ApiException(Statuses.badRequest("the namespace of the provided object does not match the"
                        + " namespace sent on the request"));
            }
            metadata.put("namespace", resource.namespace());
            requireNamespace(resource.namespace());
        }
        if (metadata.path("name").asText("").isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
            metadata.put("name", metadata.get("generateName").asText() + randomSuffix());
        }
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            throw new ApiException(Statuses.invalid(type, "", List.of(new dev.greeting.sandbox.kube.admission
                    .FieldError(dev.greeting.sandbox.kube.admission.FieldError.Type.REQUIRED, "metadata.name",
                    "Required value: name or generateName is required"))));
        }
        metadata.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds", "uid", "resourceVersion",
                "creationTimestamp", "generation"));
        ResourcePath objectPath = new ResourcePath(resource.group(), resource.version(), resource.namespace(),
                resource.plural(), name, null);
        if (store.read(objectPath.objectPath()).isPresent()) {
            ObjectNode status = Statuses.failure(409, "AlreadyExists",
                    type.qualifiedResource() + " \"" + name + "\" already exists");
            status.putObject("details").put("name", name).put("group", type.group()).put("kind", type.plural());
            throw new ApiException(status);
        }
        List<String> warnings = List.of();
        if (type.statusSubresource()) {
            object.remove("status");
        }
        if (type.custom()) {
            warnings = admit(type, object, null, request);
        }
        if (type.kind().equals("CustomResourceDefinition")) {
            acceptCrd(object);
        }
        if (request.dryRun()) {
            return ApiResponse.json(201, object).withWarnings(warnings);
        }
        Store.Reply reply = store.create(resource.collectionPath(), object);
        return fromStore(reply, type, name).withWarnings(warnings);
    }

    private ApiResponse update(ResourcePath resource, ResourceType type, ApiRequest request, ObjectNode body) {
        if (resource.isCollection()) {
            throw new ApiException(Statuses.methodNotAllowed("the server does not allow this method on the"
                    + " requested resource"));
        }
        checkTypeMeta(body, type);
        String bodyName = body.path("metadata").path("name").asText("");
        if (!bodyName.isEmpty() && !bodyName.equals(resource.name())) {
            throw new ApiException(Statuses.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + resource.name() + ")"));
        }
        ObjectNode current = current(resource, type);
        checkResourceVersion(body, current, type, resource.name());
        ObjectNode candidate;
        if (resource.isStatus()) {
            // the status subresource changes status only
            candidate = current.deepCopy();
            if (body.has("status")) {
                candidate.set("status", body.get("status"));
            } else {
                candidate.remove("status");
            }
            String resourceVersion = body.path("metadata").path("resourceVersion").asText("");
            if (!resourceVersion.isEmpty()) {
                candidate.with("metadata").put("resourceVersion", resourceVersion);
            }
        } else {
            candidate = body;
            if (type.statusSubresource()) {
                if (current.has("status")) {
                    candidate.set("status", current.get("status"));
                } else {
                    candidate.remove("status");
                }
            }
            ObjectNode metadata = candidate.with("metadata");
            metadata.put("name", resource.name());
            // deletion is requested with DELETE, never by writing the timestamp
            JsonNode deletion = current.path("metadata").get("deletionTimestamp");
            if (deletion == null) {
                metadata.remove("deletionTimestamp");
            } else {
                metadata.set("deletionTimestamp", deletion);
            }
        }
        List<String> warnings = List.of();
        if (type.custom()) {
            warnings = admit(type, candidate, current, request);
        }
        if (request.dryRun()) {
            return ApiResponse.json(200, candidate).withWarnings(warnings);
        }
        Store.Reply reply = resource.isStatus() ? store.updateStatus(resource.storePath(), candidate)
                : store.update(resource.objectPath(), candidate);
        if (reply.code() == 200 && reply.body().isEmpty()) {
            // the update removed the last finalizer of an object being deleted: it is gone now
            return ApiResponse.json(200, candidate).withWarnings(warnings);
        }
        return fromStore(reply, type, resource.name()).withWarnings(warnings);
    }

    /**
     * A patch is applied to the stored object and the result goes through update and admission. A
     * patch that names no resourceVersion is retried on a conflict, as kube-apiserver does, so a
     * status patch and a spec patch racing each other both land.
     */
    private ApiResponse patch(ResourcePath resource, ResourceType type, ApiRequest request) {
        if (resource.isCollection()) {
            throw new ApiException(Statuses.methodNotAllowed("the server does not allow this method on the"
                    + " requested resource"));
        }
        String contentType = request.contentType() == null ? ""
                : request.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode patch = KubeJson.parse(request.body());
        for (int attempt = 1; ; attempt++) {
            ObjectNode current = current(resource, type);
            JsonNode patched = switch (contentType) {
                case "application/json-patch+json" -> jsonPatch(current, patch);
                case "application/merge-patch+json" -> MergePatch.apply(current, patch);
                case "application/strategic-merge-patch+json" -> {
                    if (type.custom()) {
                        throw new ApiException(Statuses.unsupportedPatchType(contentType));
                    }
                    // built-in kinds: lists replaced rather than merged by key, enough for the sandbox's uses
                    yield MergePatch.apply(current, patch);
                }
                default -> throw new ApiException(Statuses.unsupportedPatchType(contentType));
            };
            if (!(patched instanceof ObjectNode patchedObject)) {
                throw new ApiException(Statuses.badRequest("the patch did not produce an object"));
            }
            boolean pinned = !patchedObject.path("metadata").path("resourceVersion").asText("")
                    .equals(current.path("metadata").path("resourceVersion").asText(""));
            try {
                return update(resource, type, request, patchedObject);
            } catch (ApiException e) {
                if (e.code() != 409 || pinned || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static JsonNode jsonPatch(JsonNode current, JsonNode patch) {
        try {
            return JsonPatch.apply(patch, current);
        } catch (JsonPatchException | IllegalArgumentException e) {
            ObjectNode status = Statuses.failure(422, "Invalid", "the server rejected our request due to an error in"
                    + " our request: " + e.getMessage());
            throw new ApiException(status);
        }
    }

    private ApiResponse delete(ResourcePath resource, ResourceType type, ApiRequest request) {
        if (resource.subresource() != null) {
            throw new ApiException(Statuses.methodNotAllowed("the server does not allow this method on the"
                    + " requested resource"));
        }
        if (resource.isCollection()) {
            FieldSelector fields = FieldSelector.parse(request.param("fieldSelector"));
            List<ObjectNode> doomed = store.list(selectorPath(resource.collectionPath(), request, null)).stream()
                    .filter(fields::matches).toList();
            for (ObjectNode object : doomed) {
                deleteOne(resourceOf(resource, object), type, request.dryRun());
            }
            ObjectNode list = KubeJson.object().put("kind", type.kind() + "List").put("apiVersion", type.apiVersion());
            list.putObject("metadata");
            ArrayNode items = list.putArray("items");
            doomed.forEach(items::add);
            return ApiResponse.json(200, list);
        }
        return deleteOne(resource, type, request.dryRun());
    }

    private static ResourcePath resourceOf(ResourcePath collection, ObjectNode object) {
        return new ResourcePath(collection.group(), collection.version(),
                object.path("metadata").path("namespace").asText(null), collection.plural(),
                object.path("metadata").path("name").asText(), null);
    }

    /**
     * An object with finalizers is only marked (deletionTimestamp, grace period 0) and stays until
     * its finalizers are removed; one without goes at once.
     */
    private ApiResponse deleteOne(ResourcePath resource, ResourceType type, boolean dryRun) {
        ObjectNode current = current(resource, type);
        ObjectNode metadata = (ObjectNode) current.path("metadata");
        boolean finalizers = metadata.path("finalizers").size() > 0;
        if (finalizers) {
            if (metadata.hasNonNull("deletionTimestamp") || dryRun) {
                return ApiResponse.json(200, current);
            }
            metadata.put("deletionTimestamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
            metadata.put("deletionGracePeriodSeconds", 0);
            return fromStore(store.update(resource.objectPath(), current), type, resource.name());
        }
        if (!dryRun) {
            Store.Reply reply = store.delete(resource.objectPath());
            if (!reply.ok()) {
                return fromStore(reply, type, resource.name());
            }
        }
        return ApiResponse.json(200, Statuses.success(type, resource.name(), metadata.path("uid").asText(null)));
    }

    // ---- helpers

    private List<String> admit(ResourceType type, ObjectNode candidate, ObjectNode old, ApiRequest request) {
        Admission.FieldValidation mode;
        try {
            mode = Admission.FieldValidation.parse(request.param("fieldValidation"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(Statuses.badRequest("fieldValidation must be one of Ignore, Warn or Strict"));
        }
        String name = candidate.path("metadata").path("name").asText("");
        try {
            return Admission.admit(candidate, old, type.schema(), mode).warnings();
        } catch (Admission.InvalidObject e) {
            throw new ApiException(Statuses.invalid(type, name, e.errors()));
        } catch (Admission.UnknownFields e) {
            String fields = e.fields().stream().map(f -> "unknown field \"" + f + "\"")
                    .reduce((a, b) -> a + ", " + b).orElse("");
            throw new ApiException(Statuses.badRequest(type.kind() + " in version \"" + type.version()
                    + "\" cannot be handled as a " + type.kind() + ": strict decoding error: " + fields));
        }
    }

    private static void checkTypeMeta(ObjectNode object, ResourceType type) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (apiVersion.isEmpty()) {
            object.put("apiVersion", type.apiVersion());
        } else if (!apiVersion.equals(type.apiVersion())) {
            throw new ApiException(Statuses.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")"));
        }
        if (kind.isEmpty()) {
            object.put("kind", type.kind());
        } else if (!kind.equals(type.kind())) {
            throw new ApiException(Statuses.badRequest("the kind in the data (" + kind
                    + ") does not match the expected kind (" + type.kind() + ")"));
        }
    }

    private void requireNamespace(String namespace) {
        if (store.read("/api/v1/namespaces/" + namespace).isEmpty()) {
            throw new ApiException(Statuses.namespaceNotFound(namespace));
        }
    }

    /** A CRD is established at once: its names are accepted as given. */
    private static void acceptCrd(ObjectNode crd) {
        ObjectNode status = crd.putObject("status");
        status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts")
                .put("message", "no conflicts found").put("lastTransitionTime", now);
        conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted")
                .put("message", "the initial names have been accepted").put("lastTransitionTime", now);
        ArrayNode stored = status.putArray("storedVersions");
        crd.path("spec").path("versions").forEach(v -> {
            if (v.path("storage").asBoolean(false)) {
                stored.add(v.path("name").asText());
            }
        });
    }

    /** The store's answer, with a proper Status where the CRUD mock leaves the body empty. */
    private static ApiResponse fromStore(Store.Reply reply, ResourceType type, String name) {
        if (reply.code() == 404) {
            throw new ApiException(Statuses.notFound(type, name));
        }
        if (reply.ok()) {
            // the mock answers 202 to PATCH; a real server answers 200 (201 for create)
            int code = reply.code() == 201 ? 201 : 200;
            return new ApiResponse(code, "application/json", reply.body(), List.of());
        }
        if (reply.body().isBlank()) {
            throw new ApiException(Statuses.failure(reply.code(), "InternalError", "the store refused the request"));
        }
        if (reply.code() == 409) {
            // the mock's conflict Status says "Invalid"; kube-apiserver's says Conflict, as clients check
            throw conflict(type, name);
        }
        throw new ApiException(reply.json());
    }

    private static ApiException conflict(ResourceType type, String name) {
        ObjectNode status = Statuses.failure(409, "Conflict", "Operation cannot be fulfilled on "
                + type.qualifiedResource() + " \"" + name + "\": the object has been modified; please apply your"
                + " changes to the latest version and try again");
        status.putObject("details").put("name", name).put("group", type.group()).put("kind", type.plural());
        return new ApiException(status);
    }

    /**
     * Optimistic concurrency as kube-apiserver has it: a write naming a resourceVersion other than
     * the stored one is a 409, on the status subresource too (the CRUD mock compares none there).
     */
    private static void checkResourceVersion(JsonNode body, ObjectNode current, ResourceType type, String name) {
        String expected = body.path("metadata").path("resourceVersion").asText("");
        if (!expected.isEmpty() && !expected.equals(current.path("metadata").path("resourceVersion").asText(""))) {
            throw conflict(type, name);
        }
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
        }
        return suffix.toString();
    }
}
