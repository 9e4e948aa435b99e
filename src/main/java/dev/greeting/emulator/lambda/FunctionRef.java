package dev.greeting.emulator.lambda;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function named the ways Lambda accepts: {@code my-function}, {@code my-function:$LATEST},
 * a partial ARN {@code 123456789012:function:my-function} or a full ARN
 * {@code arn:aws:lambda:us-east-1:123456789012:function:my-function}. A full ARN names its own
 * region; the other forms take the region the request was signed for.
 */
public record FunctionRef(String region, String account, String name, String qualifier) {
    public static final String ACCOUNT_ID = "123456789012";

    /** The FunctionName pattern of Lambda's service model (NamespacedFunctionName). */
    static final String MODEL_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
    private static final Pattern FORMS = Pattern.compile(
            "(?:arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d):)?"
                    + "(?:(?<account>\\d{12}):)?(?:function:)?(?<name>[a-zA-Z0-9-_.]+)(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9-_]+))?");

    /** Parses a FunctionName member; empty when it fits none of Lambda's forms. */
    public static Optional<FunctionRef> parse(String nameOrArn, String defaultRegion) {
        if (nameOrArn == null) {
            return Optional.empty();
        }
        Matcher m = FORMS.matcher(nameOrArn);
        if (!m.matches() || (nameOrArn.startsWith("arn:") && m.group("region") == null)) {
            return Optional.empty();
        }
        String region = m.group("region") == null ? defaultRegion : m.group("region");
        String account = m.group("account") == null ? ACCOUNT_ID : m.group("account");
        return Optional.of(new FunctionRef(region, account, m.group("name"), m.group("qualifier")));
    }

    public static String functionArn(String region, String name) {
        return "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + name;
    }

    /** The unqualified ARN in the named account (which may not be ours). */
    public String arn() {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }

    /** The ARN with its qualifier, as Lambda quotes it in "not found" messages. */
    public String qualifiedArn() {
        return qualifier == null ? arn() : arn() + ":" + qualifier;
    }

    /** True when the reference means the function's only version here, $LATEST. */
    public boolean isLatest() {
        return qualifier == null || "$LATEST".equals(qualifier);
    }

    public boolean inOurAccount() {
        return ACCOUNT_ID.equals(account);
    }
}
