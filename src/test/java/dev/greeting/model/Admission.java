package dev.greeting.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What creating a GreetingApi does at the API server, reproduced from the generated CRD alone:
 * status dropped (it is a subresource), null pruning and defaulting, strict unknown-field detection
 * (which refuses the object before anything is validated), the OpenAPI schema, then the CEL rules
 * unless a schema error blocks them, as kube-apiserver decides: a wrong type, an enum value, a
 * missing required field, a value too long or with too many entries (the rules' cost estimates
 * assumed those bounds). A pattern or minLength error does not keep the rules from running.
 */
final class Admission {
    /** Schema keywords whose violation keeps the API server from running the CEL rules (hasBlockingErr). */
    static final Set<String> BLOCKING = Set.of("type", "enum", "required", "maxLength", "maxProperties", "maxItems");

    /** The object as it would be stored (defaults applied), and why it would be refused. */
    record Outcome(JsonNode stored, List<Violation> violations) {
        boolean accepted() {
            return violations.isEmpty();
        }
    }

    private final JsonNode openApiV3Schema;
    private final boolean statusSubresource;
    private final SchemaValidation schemaValidation;
    private final CelRules celRules;

    Admission(JsonNode openApiV3Schema) {
        this(openApiV3Schema, false);
    }

    Admission(JsonNode openApiV3Schema, boolean statusSubresource) {
        this.openApiV3Schema = openApiV3Schema;
        this.statusSubresource = statusSubresource;
        this.schemaValidation = new SchemaValidation(openApiV3Schema);
        this.celRules = new CelRules(openApiV3Schema);
    }

    /** Admission by a CRD's only version, with its status subresource if it has one. */
    static Admission of(JsonNode crd) {
        JsonNode version = crd.path("spec").path("versions").get(0);
        return new Admission(version.path("schema").path("openAPIV3Schema"), version.path("subresources").has("status"));
    }

    Outcome admit(JsonNode manifest) {
        ObjectNode object = manifest.deepCopy();
        if (statusSubresource) {
            // a create through the main resource ignores status: it is written through /status only
            object.remove("status");
        }
        List<Violation> unknown = StructuralDefaulting.apply(openApiV3Schema, object);
        if (!unknown.isEmpty()) {
            return new Outcome(object, unknown); // strict decoding fails: 400, nothing validated
        }
        List<Violation> violations = new ArrayList<>(schemaValidation.validate(object));
        if (violations.stream().noneMatch(v -> BLOCKING.contains(v.reason()))) {
            violations.addAll(celRules.evaluate(object));
        }
        return new Outcome(object, violations);
    }
}
