package dev.greeting.emulator.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.emulator.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One statement of a function's resource-based policy, as AddPermission writes it: always
 * {@code Effect: Allow}, a principal ({@code "*"}, {@code {"AWS": arn}} or {@code {"Service": name}}),
 * one action, the function as resource, and conditions keyed by operator then condition key
 * (e.g. {@code ArnLike -> AWS:SourceArn}).
 */
public record PolicyStatement(String sid, String principalType, String principal, String action, String resource,
                              Map<String, Map<String, String>> conditions) {
    public static final String ANY_PRINCIPAL = "*";

    public PolicyStatement {
        conditions = copy(conditions);
    }

    /** The statement as Lambda renders it, members in AWS's order. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("Sid", sid);
        node.put("Effect", "Allow");
        if (principalType == null) {
            node.put("Principal", principal);
        } else {
            node.putObject("Principal").put(principalType, principal);
        }
        node.put("Action", action);
        node.put("Resource", resource);
        if (!conditions.isEmpty()) {
            ObjectNode condition = node.putObject("Condition");
            conditions.forEach((operator, keys) -> {
                ObjectNode op = condition.putObject(operator);
                keys.forEach(op::put);
            });
        }
        return node;
    }

    /**
     * Whether this statement lets the given service principal perform the action on behalf of the
     * source ARN (how API Gateway is allowed to invoke a function). Understands the conditions
     * AddPermission writes: ArnLike/ArnEquals on AWS:SourceArn and StringEquals on AWS:SourceAccount.
     */
    public boolean allows(String requestedAction, String servicePrincipal, String sourceArn, String sourceAccount) {
        boolean principalMatches = principalType == null
                || ("Service".equals(principalType) && principal.equals(servicePrincipal));
        boolean actionMatches = action.equals(requestedAction) || action.equals("lambda:*") || action.equals("*");
        return principalMatches && actionMatches && conditionsHold(sourceArn, sourceAccount);
    }

    private boolean conditionsHold(String sourceArn, String sourceAccount) {
        for (var operator : conditions.entrySet()) {
            for (var key : operator.getValue().entrySet()) {
                String actual = switch (key.getKey()) {
                    case "AWS:SourceArn" -> sourceArn;
                    case "AWS:SourceAccount" -> sourceAccount;
                    default -> null;
                };
                if (actual == null || !holds(operator.getKey(), key.getValue(), actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, String expected, String actual) {
        return switch (operator) {
            case "ArnLike", "StringLike" -> wildcard(expected).matcher(actual).matches();
            case "ArnEquals", "StringEquals" -> expected.equals(actual);
            default -> false;
        };
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} one character. */
    static Pattern wildcard(String glob) {
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

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> conditions) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (conditions != null) {
            conditions.forEach((op, keys) -> out.put(op, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
