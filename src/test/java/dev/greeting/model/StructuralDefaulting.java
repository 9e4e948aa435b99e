package dev.greeting.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the API server does to a custom resource before validating it, for a structural schema:
 * drops null values of non-nullable fields, applies {@code default}s to absent fields (top-down),
 * and, as kubectl's default strict field validation does, reports fields the schema does not know
 * (a typo such as {@code functionARN} is an error rather than silently pruned).
 */
final class StructuralDefaulting {
    /** Served by the API server itself, outside the CRD's schema. */
    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private StructuralDefaulting() {
    }

    /** Defaults {@code object} in place; returns the unknown fields. */
    static List<Violation> apply(JsonNode schema, ObjectNode object) {
        List<Violation> unknown = new ArrayList<>();
        walk(schema, object, "", unknown, true);
        return unknown;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, List<Violation> unknown, boolean root) {
        if (value.isObject()) {
            walkObject(schema, (ObjectNode) value, path, unknown, root);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.get("items"), value.get(i), path + "[" + i + "]", unknown, false);
            }
        }
    }

    private static void walkObject(JsonNode schema, ObjectNode object, String path, List<Violation> unknown, boolean root) {
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (String name : fieldNames(object)) {
            JsonNode fieldSchema = fieldSchema(schema, name);
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (fieldSchema == null) {
                if (!(root && ROOT_FIELDS.contains(name)) && !preserveUnknown) {
                    unknown.add(new Violation(fieldPath, "unknown field"));
                }
            } else if (object.get(name).isNull() && !fieldSchema.path("nullable").asBoolean(false)) {
                object.remove(name);
            }
        }
        schema.path("properties").fields().forEachRemaining(property -> {
            if (!object.has(property.getKey()) && property.getValue().has("default")) {
                object.set(property.getKey(), property.getValue().get("default").deepCopy());
            }
        });
        for (String name : fieldNames(object)) {
            JsonNode fieldSchema = fieldSchema(schema, name);
            if (fieldSchema != null) {
                walk(fieldSchema, object.get(name), path.isEmpty() ? name : path + "." + name, unknown, false);
            }
        }
    }

    /** The schema of field {@code name} of an object: a declared property, or additionalProperties (a map). */
    static JsonNode fieldSchema(JsonNode objectSchema, String name) {
        JsonNode property = objectSchema.path("properties").get(name);
        if (property != null) {
            return property;
        }
        JsonNode additional = objectSchema.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : null;
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
