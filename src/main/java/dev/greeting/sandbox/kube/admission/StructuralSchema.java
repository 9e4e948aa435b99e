package dev.greeting.sandbox.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * What kube-apiserver does with a CRD's structural OpenAPI v3 schema before storing a custom
 * resource: drop nulls for non-nullable fields, prune unknown fields, apply defaults, validate.
 * Structural schemas are a small subset of OpenAPI (every node has a type, no $ref/anyOf at the
 * top of a node), which is why a walker of our own is more faithful than a general JSON-schema library.
 */
final class StructuralSchema {
    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private StructuralSchema() {
    }

    /** Removes fields the schema does not declare; returns their paths (for warnings or strict errors). */
    static List<String> prune(ObjectNode root, JsonNode schema) {
        List<String> pruned = new ArrayList<>();
        pruneNode(root, schema, "", true, pruned);
        return pruned;
    }

    private static void pruneNode(JsonNode value, JsonNode schema, String path, boolean resourceRoot,
                                  List<String> pruned) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            boolean embedded = resourceRoot || schema.path("x-kubernetes-embedded-resource").asBoolean(false);
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (embedded && ROOT_FIELDS.contains(name)) {
                    continue;
                }
                JsonNode sub = properties.has(name) ? properties.get(name)
                        : additional.isObject() ? additional : null;
                if (sub == null) {
                    if (!preserve) {
                        pruned.add(Paths.child(path, name));
                        fields.remove();
                    }
                    continue;
                }
                if (field.getValue().isNull() && !sub.path("nullable").asBoolean(false)) {
                    // "null values for fields that don't specify nullable: true are pruned before defaulting"
                    fields.remove();
                    continue;
                }
                String childPath = properties.has(name) ? Paths.child(path, name) : Paths.key(path, name);
                pruneNode(field.getValue(), sub, childPath, false, pruned);
            }
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                pruneNode(array.get(i), schema.get("items"), Paths.index(path, i), false, pruned);
            }
        }
    }

    /** Sets each declared default where the field is absent, inside objects that exist. */
    static void applyDefaults(JsonNode value, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        if (value instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                if (!object.has(property.getKey()) && property.getValue().has("default")) {
                    object.set(property.getKey(), property.getValue().get("default").deepCopy());
                }
                if (object.has(property.getKey())) {
                    applyDefaults(object.get(property.getKey()), property.getValue());
                }
            }
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isObject()) {
                object.fields().forEachRemaining(field -> {
                    if (!schema.path("properties").has(field.getKey())) {
                        applyDefaults(field.getValue(), additional);
                    }
                });
            }
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            array.forEach(item -> applyDefaults(item, schema.get("items")));
        }
    }

    /** OpenAPI validation of the whole resource; metadata, apiVersion and kind are checked elsewhere. */
    static List<FieldError> validate(ObjectNode root, JsonNode schema) {
        List<FieldError> errors = new ArrayList<>();
        validateObjectFields(root, schema, "", true, errors);
        return errors;
    }

    private static void validateNode(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(FieldError.typeInvalid(path, "null",
                        path + " in body must be of type " + schema.path("type").asText("object") + ": \"null\""));
            }
            return;
        }
        if (!typeMatches(value, schema)) {
            String actual = typeOf(value);
            errors.add(FieldError.typeInvalid(path, actual,
                    path + " in body must be of type " + schema.path("type").asText() + ": \"" + actual + "\""));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            List<Object> supported = new ArrayList<>();
            schema.get("enum").forEach(e -> supported.add(scalar(e)));
            errors.add(FieldError.notSupported(path, scalar(value), supported));
        }
        if (value.isTextual()) {
            validateString(value.asText(), schema, path, errors);
        } else if (value.isNumber()) {
            validateNumber(value, schema, path, errors);
        } else if (value instanceof ArrayNode array) {
            validateArray(array, schema, path, errors);
        } else if (value instanceof ObjectNode object) {
            validateObjectFields(object, schema, path, false, errors);
        }
    }

    private static boolean typeMatches(JsonNode value, JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return value.isTextual() || value.isIntegralNumber();
        }
        String type = schema.path("type").asText("");
        return switch (type) {
            case "" -> true;
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            default -> false;
        };
    }

    private static String typeOf(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        } else if (value.isIntegralNumber()) {
            return "integer";
        } else if (value.isNumber()) {
            return "number";
        } else if (value.isBoolean()) {
            return "boolean";
        } else if (value.isArray()) {
            return "array";
        } else if (value.isObject()) {
            return "object";
        }
        return "null";
    }

    private static void validateString(String s, JsonNode schema, String path, List<FieldError> errors) {
        if (schema.has("maxLength") && s.codePointCount(0, s.length()) > schema.get("maxLength").asLong()) {
            errors.add(FieldError.tooLong(path, schema.get("maxLength").asLong()));
        }
        if (schema.has("minLength") && s.codePointCount(0, s.length()) < schema.get("minLength").asLong()) {
            errors.add(FieldError.invalid(path, s,
                    path + " in body should be at least " + schema.get("minLength").asLong() + " chars long"));
        }
        if (schema.has("pattern")) {
            String pattern = schema.get("pattern").asText();
            if (!matches(pattern, s)) {
                errors.add(FieldError.invalid(path, s, path + " in body should match '" + pattern + "'"));
            }
        }
    }

    /**
     * RE2 (Go's regexp), as kube-apiserver matches patterns: anywhere unless anchored, and "$" only
     * at the very end (java.util.regex would also accept a trailing newline there).
     */
    private static boolean matches(String pattern, String s) {
        try {
            return Pattern.compile(pattern).matcher(s).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static void validateNumber(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        BigDecimal n = value.decimalValue();
        Object shown = scalar(value);
        if (schema.has("minimum")) {
            BigDecimal min = schema.get("minimum").decimalValue();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? n.compareTo(min) <= 0 : n.compareTo(min) < 0) {
                errors.add(FieldError.invalid(path, shown, path + " in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + scalar(schema.get("minimum"))));
            }
        }
        if (schema.has("maximum")) {
            BigDecimal max = schema.get("maximum").decimalValue();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? n.compareTo(max) >= 0 : n.compareTo(max) > 0) {
                errors.add(FieldError.invalid(path, shown, path + " in body should be less than "
                        + (exclusive ? "" : "or equal to ") + scalar(schema.get("maximum"))));
            }
        }
        if (schema.has("multipleOf")) {
            BigDecimal factor = schema.get("multipleOf").decimalValue();
            if (factor.signum() != 0 && n.remainder(factor).signum() != 0) {
                errors.add(FieldError.invalid(path, shown,
                        path + " in body should be a multiple of " + scalar(schema.get("multipleOf"))));
            }
        }
    }

    private static void validateArray(ArrayNode array, JsonNode schema, String path, List<FieldError> errors) {
        if (schema.has("maxItems") && array.size() > schema.get("maxItems").asLong()) {
            errors.add(FieldError.tooMany(path, array.size(), schema.get("maxItems").asLong()));
        }
        if (schema.has("minItems") && array.size() < schema.get("minItems").asLong()) {
            errors.add(FieldError.invalid(path, array.size(),
                    path + " in body should have at least " + schema.get("minItems").asLong() + " items"));
        }
        boolean set = "set".equals(schema.path("x-kubernetes-list-type").asText())
                || schema.path("uniqueItems").asBoolean(false);
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (set && !seen.add(item)) {
                errors.add(FieldError.duplicate(Paths.index(path, i), scalar(item)));
            }
            if (schema.has("items")) {
                validateNode(item, schema.get("items"), Paths.index(path, i), errors);
            }
        }
    }

    private static void validateObjectFields(ObjectNode object, JsonNode schema, String path, boolean resourceRoot,
                                             List<FieldError> errors) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!object.has(required.asText())) {
                errors.add(FieldError.required(Paths.child(path, required.asText()), ""));
            }
        }
        if (schema.has("maxProperties") && object.size() > schema.get("maxProperties").asLong()) {
            errors.add(FieldError.tooMany(path, object.size(), schema.get("maxProperties").asLong()));
        }
        if (schema.has("minProperties") && object.size() < schema.get("minProperties").asLong()) {
            errors.add(FieldError.invalid(path, object.size(),
                    path + " in body should have at least " + schema.get("minProperties").asLong() + " properties"));
        }
        JsonNode additional = schema.path("additionalProperties");
        object.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (resourceRoot && ROOT_FIELDS.contains(name)) {
                return;
            }
            if (properties.has(name)) {
                validateNode(field.getValue(), properties.get(name), Paths.child(path, name), errors);
            } else if (additional.isObject()) {
                validateNode(field.getValue(), additional, Paths.key(path, name), errors);
            }
        });
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)
                    || candidate.isNumber() && value.isNumber()
                    && candidate.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
        }
        return false;
    }

    /** A JSON scalar as the Java value Go's %#v would print for it. */
    static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        } else if (value.isIntegralNumber()) {
            return value.bigIntegerValue();
        } else if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        } else if (value.isBoolean()) {
            return value.asBoolean();
        } else if (value.isNull()) {
            return null;
        }
        return typeOf(value);
    }
}
