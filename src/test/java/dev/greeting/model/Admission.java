package dev.greeting.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What creating a GreetingApi does at the API server, reproduced from the generated CRD alone:
 * null pruning and defaulting, strict unknown-field detection, the OpenAPI schema, then the CEL
 * rules (only on an object the schema accepted, so rules never see wrongly typed values).
 */
final class Admission {
    /** The object as it would be stored (defaults applied), and why it would be refused. */
    record Outcome(JsonNode stored, List<Violation> violations) {
        boolean accepted() {
            return violations.isEmpty();
        }
    }

    private final JsonNode openApiV3Schema;
    private final SchemaValidation schemaValidation;
    private final CelRules celRules;

    Admission(JsonNode openApiV3Schema) {
        this.openApiV3Schema = openApiV3Schema;
        this.schemaValidation = new SchemaValidation(openApiV3Schema);
        this.celRules = new CelRules(openApiV3Schema);
    }

    Outcome admit(JsonNode manifest) {
        ObjectNode object = manifest.deepCopy();
        List<Violation> violations = new ArrayList<>(StructuralDefaulting.apply(openApiV3Schema, object));
        violations.addAll(schemaValidation.validate(object));
        if (violations.isEmpty()) {
            violations.addAll(celRules.evaluate(object));
        }
        return new Outcome(object, violations);
    }
}
