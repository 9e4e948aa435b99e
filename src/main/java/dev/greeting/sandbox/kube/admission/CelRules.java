package dev.greeting.sandbox.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The CRD's {@code x-kubernetes-validations}: each rule is evaluated with {@code self} bound to the
 * value at its schema node (and {@code oldSelf} to the stored value on update; transition rules are
 * skipped on create, as kube-apiserver does). A rule that is false or fails to evaluate is an error
 * at the node's path, or at the rule's {@code fieldPath}.
 */
final class CelRules {
    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");
    private static final CelOptions OPTIONS = CelOptions.current().build();
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(OPTIONS),
                    CelExtensions.math(OPTIONS), CelExtensions.optional())
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(OPTIONS),
                    CelExtensions.math(OPTIONS), CelExtensions.optional())
            .build();
    private static final Map<String, Object> PROGRAMS = new ConcurrentHashMap<>();

    private CelRules() {
    }

    static List<FieldError> validate(ObjectNode object, ObjectNode old, JsonNode schema) {
        List<FieldError> errors = new ArrayList<>();
        walk(object, old, schema, "", errors);
        return errors;
    }

    private static void walk(JsonNode value, JsonNode old, JsonNode schema, String path, List<FieldError> errors) {
        if (schema == null || schema.isMissingNode() || value == null || value.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            check(rule, value, old, schema, path, errors);
        }
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            object.fields().forEachRemaining(field -> {
                JsonNode oldChild = old == null ? null : old.get(field.getKey());
                if (properties.has(field.getKey())) {
                    walk(field.getValue(), oldChild, properties.get(field.getKey()),
                            Paths.child(path, field.getKey()), errors);
                } else if (additional.isObject()) {
                    walk(field.getValue(), oldChild, additional, Paths.key(path, field.getKey()), errors);
                }
            });
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            // list items have no stable identity (atomic lists): transition rules see no oldSelf
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), null, schema.get("items"), Paths.index(path, i), errors);
            }
        }
    }

    private static void check(JsonNode rule, JsonNode value, JsonNode old, JsonNode schema, String path,
                              List<FieldError> errors) {
        String expression = rule.path("rule").asText();
        boolean transition = OLD_SELF.matcher(expression).find();
        if (transition && old == null) {
            return;
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("self", toCel(value));
        if (old != null) {
            vars.put("oldSelf", toCel(old));
        }
        String nodePath = path.isEmpty() ? null : path;
        String field = rule.has("fieldPath") ? Paths.child(path, rule.get("fieldPath").asText().replaceFirst("^\\.", ""))
                : nodePath;
        String type = schema.path("type").asText("object");
        try {
            Object result = program(expression).eval(vars);
            if (!Boolean.TRUE.equals(result)) {
                errors.add(failure(rule, field, type, value, message(rule, vars)));
            }
        } catch (CelEvaluationException | CelValidationException | RuntimeException e) {
            // as kube-apiserver words it: "<error> evaluating rule: <message>", at the rule's node, not its fieldPath
            errors.add(FieldError.invalid(nodePath, type, e.getMessage() + " evaluating rule: " + ruleErrorString(rule)));
        }
    }

    /** A failed rule as kube-apiserver reports it: the value of self shown when it is a scalar, omitted otherwise. */
    private static FieldError failure(JsonNode rule, String field, String type, JsonNode value, String message) {
        boolean composite = type.equals("object") || type.equals("array");
        Object shown = StructuralSchema.scalar(value);
        return switch (rule.path("reason").asText("FieldValueInvalid")) {
            case "FieldValueForbidden" -> FieldError.forbidden(field, message);
            case "FieldValueRequired" -> FieldError.required(field, message);
            case "FieldValueDuplicate" -> composite ? new FieldError(FieldError.Type.DUPLICATE, field, "Duplicate value")
                    : FieldError.duplicate(field, shown);
            default -> composite ? FieldError.invalidOmittingValue(field, message) : FieldError.invalid(field, shown, message);
        };
    }

    /** ruleErrorString of kube-apiserver's CEL validator: the message, or else the rule itself. */
    private static String ruleErrorString(JsonNode rule) {
        String message = rule.path("message").asText("").trim();
        return message.isEmpty() ? rule.path("rule").asText().trim() : message;
    }

    private static String message(JsonNode rule, Map<String, Object> vars) {
        if (rule.hasNonNull("messageExpression")) {
            try {
                Object message = program(rule.get("messageExpression").asText()).eval(vars);
                if (message instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelEvaluationException | CelValidationException | RuntimeException e) {
                // kube-apiserver falls back to message (or the default) when messageExpression fails
            }
        }
        String message = rule.path("message").asText("").trim();
        return message.isEmpty() ? "failed rule: " + ruleErrorString(rule) : message;
    }

    private static Program program(String expression) throws CelValidationException, CelEvaluationException {
        Object cached = PROGRAMS.get(expression);
        if (cached == null) {
            CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
            cached = CEL.createProgram(ast);
            PROGRAMS.put(expression, cached);
        }
        return (Program) cached;
    }

    /** JSON to CEL's Java values: objects to maps, arrays to lists, integers to long, numbers to double. */
    static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    map.put(f.getKey(), toCel(f.getValue()));
                }
            });
            return map;
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCel(item)));
            return list;
        } else if (node.isTextual()) {
            return node.asText();
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        } else if (node.isNumber()) {
            return node.asDouble();
        } else if (node.isBoolean()) {
            return node.asBoolean();
        }
        return NullValue.NULL_VALUE;
    }
}
