package dev.greeting.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.AwsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks an AddPermission request body into the policy statement it adds. */
final class NewStatement {
    static final String STATEMENT_ID_PATTERN = "([a-zA-Z0-9-_]+)";
    private static final String SOURCE_ARN_PATTERN =
            "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
    private static final String SERVICE_PRINCIPAL = "[a-z0-9-]+(\\.[a-z0-9-]+)+";

    private NewStatement() {}

    static PolicyStatement read(JsonNode body, String functionArn) {
        String sid = text(body, "StatementId");
        String action = text(body, "Action");
        String principal = text(body, "Principal");
        String sourceArn = text(body, "SourceArn");
        String sourceAccount = text(body, "SourceAccount");
        String eventSourceToken = text(body, "EventSourceToken");
        String orgId = text(body, "PrincipalOrgID");
        String urlAuthType = text(body, "FunctionUrlAuthType");
        new Validation()
                .required("statementId", sid).length("statementId", sid, 1, 100)
                .pattern("statementId", sid, STATEMENT_ID_PATTERN)
                .required("action", action).pattern("action", action, "(lambda:[*]|lambda:[a-zA-Z]+|[*])")
                .required("principal", principal).pattern("principal", principal, "[^\\s]+")
                .pattern("sourceArn", sourceArn, SOURCE_ARN_PATTERN)
                .length("sourceAccount", sourceAccount, 0, 12).pattern("sourceAccount", sourceAccount, "\\d{12}")
                .length("eventSourceToken", eventSourceToken, 0, 256)
                .pattern("eventSourceToken", eventSourceToken, "[a-zA-Z0-9._\\-]+")
                .length("principalOrgID", orgId, 12, 34).pattern("principalOrgID", orgId, "o-[a-z0-9]{10,32}")
                .oneOf("functionUrlAuthType", urlAuthType, List.of("NONE", "AWS_IAM"))
                .check();

        Map<String, Map<String, String>> conditions = new LinkedHashMap<>();
        if (sourceArn != null) {
            conditions.computeIfAbsent("ArnLike", k -> new LinkedHashMap<>()).put("AWS:SourceArn", sourceArn);
        }
        Map<String, String> equals = new LinkedHashMap<>();
        putIfPresent(equals, "AWS:SourceAccount", sourceAccount);
        putIfPresent(equals, "aws:PrincipalOrgID", orgId);
        putIfPresent(equals, "lambda:EventSourceToken", eventSourceToken);
        putIfPresent(equals, "lambda:FunctionUrlAuthType", urlAuthType);
        if (!equals.isEmpty()) {
            conditions.put("StringEquals", equals);
        }
        if (body.path("InvokedViaFunctionUrl").asBoolean(false)) {
            conditions.put("Bool", Map.of("lambda:InvokedViaFunctionUrl", "true"));
        }
        String[] typed = principal(principal);
        return new PolicyStatement(sid, typed[0], typed[1], action, functionArn, conditions);
    }

    /** Lambda's principal forms: "*", an account id, an IAM/STS ARN, or a service's host name. */
    private static String[] principal(String principal) {
        if (principal.equals(PolicyStatement.ANY_PRINCIPAL)) {
            return new String[] {null, principal};
        }
        if (principal.matches("\\d{12}")) {
            return new String[] {"AWS", "arn:aws:iam::" + principal + ":root"};
        }
        if (principal.matches("arn:aws[a-zA-Z-]*:(iam|sts)::\\d{12}:.+")) {
            return new String[] {"AWS", principal};
        }
        if (principal.matches(SERVICE_PRINCIPAL)) {
            return new String[] {"Service", principal};
        }
        throw AwsException.invalidParameter("The provided principal was invalid. Please check the principal and try again.");
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String text(JsonNode body, String member) {
        JsonNode node = body.get(member);
        return node == null || node.isNull() ? null : node.asText();
    }
}
