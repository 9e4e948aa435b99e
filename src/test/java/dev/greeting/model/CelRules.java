package dev.greeting.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL part of admission: every {@code x-kubernetes-validations} rule of the schema, compiled
 * with {@code self} typed from its schema node and evaluated with {@code self} bound to the
 * object's value at that node, as the API server does. The environment is standard CEL plus the
 * strings extension (the Kubernetes strings library); a rule that does not compile to a bool is
 * an error here, as it would make the API server refuse the CRD.
 */
final class CelRules {
    /** One rule as found in the schema; {@code node} is the schema path of the field it sits on. */
    record Rule(String node, String expression, String message, String fieldPath) {
    }

    /** The reason of a violation for a rule that failed to evaluate (index out of bounds, no such key, ...). */
    static final String EVALUATION_ERROR = "rule evaluation error: ";

    private final JsonNode schema;
    /** Compiled programs per schema node (by identity) and expression: compiling dominates the run time. */
    private final Map<JsonNode, Map<String, CelRuntime.Program>> programs = new IdentityHashMap<>();

    CelRules(JsonNode openApiV3Schema) {
        this.schema = openApiV3Schema;
    }

    /** All rules of the schema, depth first. */
    List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        collect(schema, "", rules);
        return rules;
    }

    /** The failed rules for a (defaulted) object, reported at their field. */
    List<Violation> evaluate(JsonNode object) {
        List<Violation> violations = new ArrayList<>();
        evaluate(schema, object, "", violations);
        return violations;
    }

    /** Compiles a rule against its schema node; throws if it is not a valid boolean expression. */
    static CelAbstractSyntaxTree compile(JsonNode nodeSchema, String expression) {
        try {
            return cel(nodeSchema).compile(expression).getAst();
        } catch (CelValidationException e) {
            throw new IllegalStateException("CEL rule does not compile: " + expression + "\n" + e.getMessage(), e);
        }
    }

    private static void collect(JsonNode nodeSchema, String path, List<Rule> rules) {
        for (JsonNode rule : nodeSchema.path("x-kubernetes-validations")) {
            rules.add(new Rule(path, rule.path("rule").asText(), rule.path("message").asText(), rule.path("fieldPath").asText("")));
        }
        nodeSchema.path("properties").fields().forEachRemaining(
                property -> collect(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), rules));
        if (nodeSchema.path("additionalProperties").isObject()) {
            collect(nodeSchema.get("additionalProperties"), path + ".*", rules);
        }
        if (nodeSchema.has("items")) {
            collect(nodeSchema.get("items"), path + "[*]", rules);
        }
    }

    /** A rule naming {@code oldSelf} compares with the stored object, so it runs on updates only. */
    static boolean isTransitionRule(String expression) {
        return expression.matches("(?s).*\\boldSelf\\b.*");
    }

    private void evaluate(JsonNode nodeSchema, JsonNode value, String path, List<Violation> violations) {
        for (JsonNode rule : nodeSchema.path("x-kubernetes-validations")) {
            if (isTransitionRule(rule.path("rule").asText())) {
                continue; // this model judges creates: the API server skips transition rules there
            }
            String message = rule.path("message").asText();
            try {
                if (!holds(nodeSchema, rule.path("rule").asText(), value)) {
                    violations.add(new Violation(path + rule.path("fieldPath").asText(""), message));
                }
            } catch (CelEvaluationException e) {
                // the API server refuses the object then too, at the rule's node (not its fieldPath)
                violations.add(new Violation(path, EVALUATION_ERROR + message));
            }
        }
        if (value.isObject()) {
            value.fields().forEachRemaining(field -> {
                JsonNode fieldSchema = StructuralDefaulting.fieldSchema(nodeSchema, field.getKey());
                if (fieldSchema != null) {
                    evaluate(fieldSchema, field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), violations);
                }
            });
        } else if (value.isArray() && nodeSchema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                evaluate(nodeSchema.get("items"), value.get(i), path + "[" + i + "]", violations);
            }
        }
    }

    private boolean holds(JsonNode nodeSchema, String expression, JsonNode value) throws CelEvaluationException {
        return (Boolean) program(nodeSchema, expression).eval(Map.of("self", celValue(value)));
    }

    private CelRuntime.Program program(JsonNode nodeSchema, String expression) throws CelEvaluationException {
        Map<String, CelRuntime.Program> nodePrograms = programs.computeIfAbsent(nodeSchema, node -> new HashMap<>());
        CelRuntime.Program program = nodePrograms.get(expression);
        if (program == null) {
            program = cel(nodeSchema).createProgram(compile(nodeSchema, expression));
            nodePrograms.put(expression, program);
        }
        return program;
    }

    private static Cel cel(JsonNode nodeSchema) {
        return CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                .addVar("self", celType(nodeSchema))
                .addVar("oldSelf", celType(nodeSchema)) // transition rules: the stored value, same type
                .setResultType(SimpleType.BOOL)
                .build();
    }

    /** The CEL type the API server gives a schema node (objects with declared fields as string-keyed maps). */
    static CelType celType(JsonNode nodeSchema) {
        return switch (nodeSchema.path("type").asText()) {
            case "string" -> SimpleType.STRING;
            case "boolean" -> SimpleType.BOOL;
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "array" -> ListType.create(celType(nodeSchema.path("items")));
            case "object" -> MapType.create(SimpleType.STRING,
                    nodeSchema.path("additionalProperties").isObject() ? celType(nodeSchema.get("additionalProperties")) : SimpleType.DYN);
            default -> SimpleType.DYN;
        };
    }

    private static Object celValue(JsonNode value) {
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(field -> map.put(field.getKey(), celValue(field.getValue())));
            return map;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(element -> list.add(celValue(element)));
            return list;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.asText();
    }
}
