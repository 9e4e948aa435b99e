package dev.greeting.emulator.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API Gateway's patch operations: a JSON-Patch dialect whose values are always strings, applied to
 * the JSON view of one object and limited to the paths that object's Update operation accepts.
 * Three kinds of path exist: a member ({@code /description}), an entry of a map member
 * ({@code /requestTemplates/application~1json}, JSON-pointer escaped) and an element of a set
 * member ({@code /binaryMediaTypes/image~1png}, the value being in the path).
 */
final class PatchOperations {
    private static final String ALL_OPS = "add, remove, move, test, replace, copy";

    private PatchOperations() {}

    /** One operation of an Update request. */
    record Op(String op, String path, String value) {}

    enum ValueType { STRING, BOOLEAN, INTEGER }

    private enum Kind { MEMBER, MAP, SET }

    private record Rule(Kind kind, ValueType type, Set<String> ops, String message) {}

    /**
     * What may be patched on one kind of object. AWS words its refusals two ways depending on the
     * object: tersely ({@code Invalid patch path /x}) or listing the paths it supports.
     */
    static final class Rules {
        private final boolean listSupportedPaths;
        private final Map<String, Rule> rules = new LinkedHashMap<>();

        private Rules(boolean listSupportedPaths) {
            this.listSupportedPaths = listSupportedPaths;
        }

        static Rules terse() {
            return new Rules(false);
        }

        static Rules listingSupportedPaths() {
            return new Rules(true);
        }

        /** A member that {@code replace} sets (and, where listed, other ops); an empty value clears it. */
        Rules member(String path, ValueType type, String... ops) {
            Set<String> allowed = ops.length == 0 ? Set.of("replace") : Set.of(ops);
            rules.put(path, new Rule(Kind.MEMBER, type, allowed, null));
            return this;
        }

        /** An integer member whose bad values get AWS's own message. */
        Rules integer(String path, String invalidMessage) {
            rules.put(path, new Rule(Kind.MEMBER, ValueType.INTEGER, Set.of("replace"), invalidMessage));
            return this;
        }

        /** A map member: add/replace put an entry, remove drops it; {@code missingKey} (if set) is the 404 for an absent key. */
        Rules map(String path, ValueType type, String missingKey) {
            rules.put(path, new Rule(Kind.MAP, type, Set.of("add", "replace", "remove"), missingKey));
            return this;
        }

        /** A list member used as a set of strings, the element named in the path. */
        Rules set(String path) {
            rules.put(path, new Rule(Kind.SET, ValueType.STRING, Set.of("add", "replace", "remove"), null));
            return this;
        }
    }

    /** Reads {@code patchOperations}; an unknown {@code op} is AWS's ValidationException, counted per operation. */
    static List<Op> read(ApiRequest request, String inputName) {
        JsonNode body = request.json();
        JsonNode ops = body.get("patchOperations");
        List<Op> result = new ArrayList<>();
        if (ops == null || ops.isNull()) {
            return result;
        }
        if (!ops.isArray()) {
            throw Errors.serialization("Expected list or an array for patchOperations");
        }
        List<String> errors = new ArrayList<>();
        int index = 0;
        for (JsonNode node : ops) {
            index++;
            String op = text(node, "op");
            if (op == null || !Set.of("add", "remove", "move", "test", "replace", "copy").contains(op)) {
                errors.add("Value '" + op + "' at '" + inputName + ".patchOperations." + index
                        + ".member.op' failed to satisfy constraint: Member must satisfy enum value set: [" + ALL_OPS + "]");
            }
            result.add(new Op(op, text(node, "path"), text(node, "value")));
        }
        if (!errors.isEmpty()) {
            String count = errors.size() == 1 ? "1 validation error detected: " : errors.size() + " validation errors detected: ";
            throw Errors.validation(count + String.join("; ", errors));
        }
        return result;
    }

    /** Applies {@code ops} in order to a copy of {@code target}; nothing is changed when one fails. */
    static ObjectNode apply(ObjectNode target, List<Op> ops, Rules rules) {
        ObjectNode node = target.deepCopy();
        for (Op op : ops) {
            applyOne(node, op, rules);
        }
        return node;
    }

    /** Converts a patched JSON view back to its record; a value the record cannot hold is a bad request. */
    static <T> T toRecord(ObjectNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (Exception e) {
            throw AwsException.badRequest("Invalid patch value: " + e.getMessage());
        }
    }

    static ObjectNode toJson(Object record) {
        return Json.MAPPER.valueToTree(record);
    }

    private static void applyOne(ObjectNode node, Op op, Rules rules) {
        String path = op.path();
        if (path == null) {
            throw AwsException.badRequest("Invalid patch path null");
        }
        Rule member = rules.rules.get(path);
        if (member != null && member.kind() == Kind.MEMBER) {
            checkOp(op, member, rules);
            applyToMember(node, path.substring(1), op, member);
            return;
        }
        for (var e : rules.rules.entrySet()) {
            Rule rule = e.getValue();
            String prefix = e.getKey() + "/";
            if (rule.kind() != Kind.MEMBER && path.startsWith(prefix) && path.length() > prefix.length()) {
                checkOp(op, rule, rules);
                String field = e.getKey().substring(1);
                String key = unescape(path.substring(prefix.length()));
                if (rule.kind() == Kind.MAP) {
                    applyToMap(node, field, key, op, rule);
                } else {
                    applyToSet(node, field, key, op);
                }
                return;
            }
        }
        throw invalidPath(op, rules);
    }

    private static void checkOp(Op op, Rule rule, Rules rules) {
        if (rule.ops().contains(op.op())) {
            return;
        }
        if (rules.listSupportedPaths) {
            throw invalidPath(op, rules);
        }
        List<String> allowed = new ArrayList<>(rule.ops());
        allowed.sort(null);
        throw AwsException.badRequest("Invalid patch operation specified. Must be one of: [" + String.join(", ", allowed) + "]");
    }

    private static AwsException invalidPath(Op op, Rules rules) {
        if (!rules.listSupportedPaths) {
            return AwsException.badRequest("Invalid patch path " + op.path());
        }
        if ("replace".equals(op.op())) {
            Set<String> replaceable = new LinkedHashSet<>();
            rules.rules.forEach((path, rule) -> {
                if (rule.ops().contains("replace")) {
                    replaceable.add(path);
                }
            });
            return AwsException.badRequest("Invalid patch path  '" + op.path() + "' specified for op 'replace'. Must be one of: "
                    + replaceable.toString());
        }
        return AwsException.badRequest("Invalid patch path  '" + op.path() + "' specified for op '" + op.op()
                + "'. Please choose supported operations");
    }

    private static void applyToMember(ObjectNode node, String field, Op op, Rule rule) {
        if ("remove".equals(op.op())) {
            node.remove(field);
            return;
        }
        JsonNode value = convert(op.value(), rule, op.path());
        if (value.isNull()) {
            node.remove(field);
        } else {
            node.set(field, value);
        }
    }

    private static void applyToMap(ObjectNode node, String field, String key, Op op, Rule rule) {
        JsonNode existing = node.get(field);
        ObjectNode map = existing instanceof ObjectNode o ? o : node.putObject(field);
        boolean present = map.has(key);
        if (!present && rule.message() != null && !"add".equals(op.op())) {
            throw AwsException.notFound(rule.message());
        }
        if ("remove".equals(op.op())) {
            map.remove(key);
        } else {
            map.set(key, rule.type() == ValueType.BOOLEAN
                    ? BooleanNode.valueOf(Boolean.parseBoolean(op.value()))
                    : op.value() == null ? NullNode.getInstance() : TextNode.valueOf(op.value()));
        }
    }

    private static void applyToSet(ObjectNode node, String field, String element, Op op) {
        JsonNode existing = node.get(field);
        ArrayNode list = existing instanceof ArrayNode a ? a : node.putArray(field);
        int index = indexOf(list, element);
        switch (op.op()) {
            case "add" -> {
                if (index < 0) {
                    list.add(element);
                }
            }
            case "remove" -> {
                if (index >= 0) {
                    list.remove(index);
                }
            }
            default -> { // replace: the element in the path becomes the value
                if (index < 0) {
                    throw AwsException.notFound("Invalid " + field + " element specified: " + element);
                }
                list.set(index, TextNode.valueOf(op.value()));
            }
        }
    }

    private static int indexOf(ArrayNode list, String element) {
        for (int i = 0; i < list.size(); i++) {
            if (element.equals(list.get(i).asText())) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode convert(String value, Rule rule, String path) {
        return switch (rule.type()) {
            // AWS reads anything but "true" as false
            case BOOLEAN -> BooleanNode.valueOf(Boolean.parseBoolean(value));
            case STRING -> value == null || value.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(value);
            case INTEGER -> {
                if (value == null || value.isEmpty()) {
                    yield NullNode.getInstance();
                }
                try {
                    yield IntNode.valueOf(Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    throw AwsException.badRequest(rule.message() != null ? rule.message() : "Invalid value specified for " + path);
                }
            }
        };
    }

    /** JSON-pointer unescaping: {@code ~1} is {@code /}, {@code ~0} is {@code ~}. */
    static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static String text(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }
}
