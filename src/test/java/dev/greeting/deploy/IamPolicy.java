package dev.greeting.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An identity-based IAM policy and the part of IAM's evaluation logic that the operator's
 * policy uses: Allow statements, Action and Resource with * and ? wildcards, and the
 * StringEquals condition. Anything else in the policy is reported by {@link #grammarErrors}
 * rather than silently treated as allowed or denied.
 */
final class IamPolicy {
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9*?]+");
    private static final Pattern ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):[a-z0-9-]+:[a-z0-9*-]*:(\\d{12}|\\*)?:.+");
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]+");
    private static final List<String> STATEMENT_KEYS = List.of("Sid", "Effect", "Action", "Resource", "Condition");
    private static final List<String> CONDITION_OPERATORS = List.of("StringEquals");

    private final JsonNode document;

    IamPolicy(JsonNode document) {
        this.document = document;
    }

    /**
     * Departures from the IAM policy grammar (as an identity-based policy: no Principal) and
     * from this project's rules (Allow only, no NotAction/NotResource, no wildcard action).
     */
    List<String> grammarErrors() {
        List<String> errors = new ArrayList<>();
        document.fieldNames().forEachRemaining(key -> {
            if (!List.of("Version", "Id", "Statement").contains(key)) {
                errors.add("unknown top-level key " + key);
            }
        });
        if (!"2012-10-17".equals(document.path("Version").asText())) {
            errors.add("Version must be 2012-10-17 (the only version with policy variables and current grammar)");
        }
        JsonNode statements = document.path("Statement");
        if (!statements.isArray() || statements.isEmpty()) {
            errors.add("Statement must be a non-empty array");
            return errors;
        }
        List<String> sids = new ArrayList<>();
        for (JsonNode s : statements) {
            String where = "statement " + s.path("Sid").asText("#" + sids.size());
            s.fieldNames().forEachRemaining(key -> {
                if (!STATEMENT_KEYS.contains(key)) {
                    errors.add(where + ": key " + key + " is not allowed here");
                }
            });
            String sid = s.path("Sid").asText();
            if (!SID.matcher(sid).matches()) {
                errors.add(where + ": Sid must be alphanumeric");
            } else if (sids.contains(sid)) {
                errors.add(where + ": duplicate Sid");
            }
            sids.add(sid);
            if (!"Allow".equals(s.path("Effect").asText())) {
                errors.add(where + ": Effect must be Allow");
            }
            for (String action : strings(s.path("Action"))) {
                if (!ACTION.matcher(action).matches() || action.contains("*")) {
                    errors.add(where + ": action " + action + " is not service:Action without wildcards");
                }
            }
            if (strings(s.path("Action")).isEmpty()) {
                errors.add(where + ": no Action");
            }
            for (String resource : strings(s.path("Resource"))) {
                if (!ARN.matcher(resource).matches()) {
                    errors.add(where + ": resource " + resource + " is not an ARN");
                }
            }
            if (strings(s.path("Resource")).isEmpty()) {
                errors.add(where + ": no Resource");
            }
            s.path("Condition").fields().forEachRemaining(op -> {
                if (!CONDITION_OPERATORS.contains(op.getKey())) {
                    errors.add(where + ": condition operator " + op.getKey() + " is not evaluated by this test");
                }
                op.getValue().fields().forEachRemaining(key -> {
                    if (strings(key.getValue()).isEmpty()) {
                        errors.add(where + ": condition " + key.getKey() + " has no value");
                    }
                });
            });
        }
        return errors;
    }

    /** Whether a request for action on resource, with these request context keys, is allowed. */
    boolean allows(String action, String resource, Map<String, String> context) {
        for (JsonNode s : document.path("Statement")) {
            boolean actionMatches = strings(s.path("Action")).stream()
                .anyMatch(a -> wildcard(a.toLowerCase()).matcher(action.toLowerCase()).matches());
            boolean resourceMatches = strings(s.path("Resource")).stream()
                .anyMatch(r -> wildcard(r).matcher(resource).matches());
            if (actionMatches && resourceMatches && conditionsHold(s.path("Condition"), context)) {
                return true;
            }
        }
        return false;
    }

    boolean allows(String action, String resource) {
        return allows(action, resource, Map.of());
    }

    /** Non-whitespace characters: IAM limits a managed policy to 6,144 of them. */
    static int size(String json) {
        return json.replaceAll("\\s", "").length();
    }

    private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
        for (var op : (Iterable<Map.Entry<String, JsonNode>>) condition::fields) {
            for (var key : (Iterable<Map.Entry<String, JsonNode>>) op.getValue()::fields) {
                String actual = context.get(key.getKey());
                if (!"StringEquals".equals(op.getKey()) || actual == null
                        || !strings(key.getValue()).contains(actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** IAM's wildcards: * any run of characters (including / and :), ? exactly one. */
    private static Pattern wildcard(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
