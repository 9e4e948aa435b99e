package dev.greeting.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An API server's answer to a create: 201 with the object it would store, or a refusal (a
 * metav1.Status). {@link #violations} reads the refusal in the vocabulary of the project's own
 * admission model ({@link Violation}: the field and the schema keyword or CEL message), so the
 * servers and the model can be compared case by case.
 */
record ServerVerdict(int code, JsonNode body, List<String> warnings) {
    /** field.Invalid(nil, ...) that the API server adds when schema errors keep the CEL rules from running. */
    static final String RULES_NOT_CHECKED = "some validation rules were not checked because the object was invalid";
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("unknown field \"([^\"]+)\"");
    private static final Pattern SHOULD_MATCH = Pattern.compile(" in body should match '");
    private static final Pattern MIN_LENGTH = Pattern.compile(" in body should be at least \\d+ chars long");

    /** One entry of details.causes. */
    record Cause(String reason, String field, String message) {
    }

    boolean accepted() {
        return code == 201 || code == 200;
    }

    List<Cause> causes() {
        List<Cause> causes = new ArrayList<>();
        body.path("details").path("causes").forEach(c ->
                causes.add(new Cause(c.path("reason").asText(), c.path("field").asText(null), c.path("message").asText())));
        return causes;
    }

    /** Whether the server said it skipped the CEL rules (after a type, enum, required, too long or too many error). */
    boolean ruleCheckingBlocked() {
        return causes().stream().anyMatch(c -> "<nil>".equals(c.field()) && c.message().contains(RULES_NOT_CHECKED));
    }

    /**
     * Why the server refused, as {@link Violation}s of the CRD's schema; empty when it accepted. A cause
     * this cannot place (neither a schema keyword nor a CEL rule's message) becomes a violation whose
     * reason is the server's own text, so it shows up as a disagreement rather than vanishing.
     */
    Set<Violation> violations(JsonNode openApiV3Schema) {
        Set<Violation> violations = new LinkedHashSet<>();
        if (accepted()) {
            return violations;
        }
        if (code == 400) {
            // strict field validation: a "strict decoding error" naming each unknown field, no causes
            Matcher unknown = UNKNOWN_FIELD.matcher(body.path("message").asText());
            while (unknown.find()) {
                violations.add(new Violation(unknown.group(1), "unknown field"));
            }
        }
        for (Cause cause : causes()) {
            if ("<nil>".equals(cause.field()) && cause.message().contains(RULES_NOT_CHECKED)) {
                continue; // a consequence of another cause, reported itself; see ruleCheckingBlocked
            }
            violations.add(new Violation(cause.field(), reason(cause, openApiV3Schema)));
        }
        if (violations.isEmpty()) {
            violations.add(new Violation("?", code + " " + body.path("reason").asText() + ": " + body.path("message").asText()));
        }
        return violations;
    }

    private static String reason(Cause cause, JsonNode schema) {
        String celMessage = celMessage(cause.message(), schema);
        if (celMessage != null && cause.message().contains(" evaluating rule: ")) {
            return CelRules.EVALUATION_ERROR + celMessage;
        }
        return switch (cause.reason()) {
            case "FieldValueRequired" -> celMessage != null ? celMessage : "required";
            case "FieldValueTooLong" -> "maxLength";
            case "FieldValueTooMany" -> "object".equals(node(schema, cause.field()).path("type").asText()) ? "maxProperties" : "maxItems";
            case "FieldValueNotSupported" -> "enum";
            case "FieldValueTypeInvalid" -> "type";
            case "FieldValueInvalid", "FieldValueForbidden" -> celMessage != null ? celMessage
                    : SHOULD_MATCH.matcher(cause.message()).find() ? "pattern"
                    : MIN_LENGTH.matcher(cause.message()).find() ? "minLength"
                    : cause.reason() + ": " + cause.message();
            default -> cause.reason() + ": " + cause.message();
        };
    }

    /** The message of the CEL rule this cause reports, if it reports one. */
    private static String celMessage(String causeMessage, JsonNode schema) {
        JsonNode rule = celRule(causeMessage, schema);
        return rule == null ? null : rule.path("message").asText();
    }

    /** The CEL rule (with its declared reason) whose message a cause carries, or null. */
    static JsonNode celRule(String causeMessage, JsonNode schema) {
        for (JsonNode rules : schema.findValues("x-kubernetes-validations")) {
            for (JsonNode rule : rules) {
                String message = rule.path("message").asText();
                if (!message.isEmpty() && causeMessage.endsWith(message)) {
                    return rule;
                }
            }
        }
        return null;
    }

    /** The schema node of a field path such as spec.tags.team (map values under additionalProperties). */
    private static JsonNode node(JsonNode schema, String field) {
        JsonNode node = schema;
        for (String segment : field.split("\\.")) {
            node = node.path("properties").has(segment) ? node.path("properties").get(segment) : node.path("additionalProperties");
        }
        return node;
    }

    /** Violations sorted and joined: "spec.path: pattern; spec.stage: required". */
    static String describe(Collection<Violation> violations) {
        return violations.stream().map(Violation::toString).sorted().collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return code + " " + body + (warnings.isEmpty() ? "" : " warnings " + warnings);
    }
}
