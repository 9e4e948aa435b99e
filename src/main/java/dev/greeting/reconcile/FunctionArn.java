package dev.greeting.reconcile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lambda function ARN, {@code arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]}.
 * The integration URI's region and the permission's account come from here.
 */
public record FunctionArn(String arn, String partition, String region, String account, String name, String qualifier) {
    private static final Pattern ARN = Pattern.compile(
            "^arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\\d):(\\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?$");

    public static FunctionArn parse(String arn) {
        if (arn == null || arn.isBlank()) {
            throw new InvalidSpecException("spec.functionArn is required");
        }
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            throw new InvalidSpecException("spec.functionArn is not a Lambda function ARN: " + arn);
        }
        return new FunctionArn(arn, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    /** The function ARN inside an integration URI, or null when the URI is not a Lambda invocation URI. */
    public static String fromIntegrationUri(String uri) {
        if (uri == null) {
            return null;
        }
        int start = uri.indexOf("/functions/");
        int end = uri.lastIndexOf("/invocations");
        if (start < 0 || end <= start) {
            return null;
        }
        return uri.substring(start + "/functions/".length(), end);
    }

    /** API Gateway's URI for invoking this function through a Lambda (AWS) integration. */
    public String invocationUri() {
        return "arn:" + partition + ":apigateway:" + region + ":lambda:path/2015-03-31/functions/" + arn + "/invocations";
    }
}
