package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.sandbox.kube.admission.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** metav1.Status objects as kube-apiserver writes them for each failure reason. */
final class Statuses {
    private Statuses() {
    }

    static ObjectNode failure(int code, String reason, String message) {
        ObjectNode status = KubeJson.object();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return status;
    }

    static ObjectNode notFound(ResourceType type, String name) {
        ObjectNode status = failure(404, "NotFound", type.qualifiedResource() + " \"" + name + "\" not found");
        status.putObject("details").put("name", name).put("group", type.group()).put("kind", type.plural());
        return status;
    }

    static ObjectNode namespaceNotFound(String namespace) {
        ObjectNode status = failure(404, "NotFound", "namespaces \"" + namespace + "\" not found");
        status.putObject("details").put("name", namespace).put("kind", "namespaces");
        return status;
    }

    static ObjectNode noSuchPath() {
        ObjectNode status = failure(404, "NotFound", "the server could not find the requested resource");
        status.putObject("details");
        return status;
    }

    static ObjectNode badRequest(String message) {
        return failure(400, "BadRequest", message);
    }

    static ObjectNode methodNotAllowed(String message) {
        return failure(405, "MethodNotAllowed", message);
    }

    static ObjectNode unsupportedMediaType(String contentType) {
        return failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media"
                + " types include: application/json; got " + contentType);
    }

    static ObjectNode unsupportedPatchType(String contentType) {
        return failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media"
                + " types include: application/json-patch+json, application/merge-patch+json; got " + contentType);
    }

    static ObjectNode success(ResourceType type, String name, String uid) {
        ObjectNode status = KubeJson.object();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        ObjectNode details = status.putObject("details").put("name", name).put("group", type.group())
                .put("kind", type.plural());
        if (uid != null) {
            details.put("uid", uid);
        }
        return status;
    }

    /** 422 Invalid: "GreetingApi.greeting.dev \"x\" is invalid: spec.stage: Invalid value: ...". */
    static ObjectNode invalid(ResourceType type, String name, List<FieldError> errors) {
        String joined = errors.size() == 1 ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
        ObjectNode status = failure(422, "Invalid",
                type.qualifiedKind() + " \"" + name + "\" is invalid: " + joined);
        ObjectNode details = status.putObject("details").put("name", name).put("group", type.group())
                .put("kind", type.kind());
        ArrayNode causes = details.putArray("causes");
        for (FieldError error : errors) {
            ObjectNode cause = causes.addObject().put("reason", error.type().reason())
                    .put("message", error.message());
            // field.Invalid(nil, ...) has the field "<nil>", as kubectl then prints it
            cause.put("field", error.field() == null ? "<nil>" : error.field());
        }
        return status;
    }
}
