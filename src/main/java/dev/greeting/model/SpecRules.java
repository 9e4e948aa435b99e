package dev.greeting.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admission rules of a GreetingApi spec, in one place: the CRD schema is generated from them
 * (through the annotations on {@link GreetingApiSpec}), and {@link #problems} applies the same rules
 * in Java, so the reconciler can turn a spec that reached it unvalidated (an old CRD, a cluster
 * without CEL) into Ready=False instead of an AWS call.
 * Patterns are written in the common subset of RE2 (the API server) and java.util.regex.
 */
public final class SpecRules {
    /** Partition, region, account and function name, with an optional version or alias qualifier. */
    public static final String FUNCTION_ARN_PATTERN =
            "^arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(-gov)?-[a-z]+-\\d:\\d{12}:function:[a-zA-Z0-9_-]{1,64}(:(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?$";
    /** IAM role ARN: optional path, then a role name of 1-64 characters (IAM's character set). */
    public static final String ROLE_ARN_PATTERN =
            "^arn:aws[a-zA-Z-]*:iam::\\d{12}:role/([a-zA-Z0-9_+=,.@-]+/)*[a-zA-Z0-9_+=,.@-]{1,64}$";
    public static final String REGION_PATTERN = "^[a-z]{2}(-gov)?-[a-z]+-\\d$";
    /** API Gateway's stage name rule. */
    public static final String STAGE_PATTERN = "^[a-zA-Z0-9_]{1,128}$";
    /**
     * Path parts as API Gateway accepts them (a-zA-Z0-9._-), joined by '/', no leading, trailing or
     * doubled slash; no {param} parts: the operator serves one fixed path.
     */
    public static final String PATH_PATTERN = "^[a-zA-Z0-9._-]+(/[a-zA-Z0-9._-]+)*$";
    /** A path part of only dots: clients normalise it away, so the resource could never be reached. */
    public static final String DOT_PART_PATTERN = "(^|/)[.][.]?(/|$)";
    /**
     * The parameter name lands inside $input.params('...') in a VTL mapping template and in
     * method.request.querystring.NAME: letters, digits, '_', '.', '-' only, so it cannot close the
     * quote, start a VTL reference ($) or directive (#), or escape anything.
     */
    public static final String PARAMETER_PATTERN = "^[A-Za-z][A-Za-z0-9_.-]{0,127}$";
    /** API names are free text; control characters are refused. */
    public static final String API_NAME_PATTERN = "^[^\\x00-\\x1F\\x7F]*$";

    public static final int MAX_FUNCTION_ARN = 256;
    public static final int MAX_ROLE_ARN = 2048;
    public static final int MAX_REGION = 32;
    public static final int MAX_PATH = 1024;
    public static final int MAX_API_NAME = 128;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_KEY = 128;
    public static final int MAX_TAG_VALUE = 256;

    public static final String DEFAULT_GREETER_PARAMETER = "greeter";
    /** Tag keys reserved by AWS. */
    public static final String AWS_TAG_PREFIX = "aws:";

    public static final String REGION_PARTITION_MESSAGE =
            "region must be in the same AWS partition as functionArn (aws-cn: cn-* regions, aws-us-gov: us-gov-* regions)";
    public static final String REGION_IMMUTABLE_MESSAGE = "region is immutable (a REST API cannot move between regions);"
            + " to move the API, delete this GreetingApi and create it again with the new region";
    public static final String ROLE_PARTITION_MESSAGE = "credentialsRoleArn must be in the same AWS partition as functionArn";
    public static final String DOT_PART_MESSAGE = "path parts '.' and '..' are not allowed";
    public static final String TAG_KEY_LENGTH_MESSAGE = "tag keys must be 1 to 128 characters long";
    public static final String AWS_TAG_MESSAGE = "tag keys must not start with 'aws:' (reserved by AWS)";
    public static final String RESERVED_TAG_MESSAGE = "tag keys starting with 'greeting.dev/' are reserved for the operator";

    private SpecRules() {
    }

    /**
     * What is wrong with a spec, one sentence per problem naming the field; empty when it is valid.
     * In the API server's order, so the problems name the fields {@code kubectl apply} would have named:
     * the schema's checks first, then the CRD's CEL rules, which the API server skips when a required
     * field is missing or a value is too long or has too many entries (a pattern error does not stop them).
     */
    public static List<String> problems(GreetingApiSpec spec) {
        if (spec == null) {
            return List.of("spec is required");
        }
        Problems problems = new Problems();
        problems.required("functionArn", spec.getFunctionArn(), FUNCTION_ARN_PATTERN, MAX_FUNCTION_ARN);
        problems.required("path", spec.getPath(), PATH_PATTERN, MAX_PATH);
        problems.required("stage", spec.getStage(), STAGE_PATTERN, Integer.MAX_VALUE);
        problems.optional("greeterParameter", spec.getGreeterParameter(), PARAMETER_PATTERN, Integer.MAX_VALUE);
        problems.optional("region", spec.getRegion(), REGION_PATTERN, MAX_REGION);
        problems.optional("credentialsRoleArn", spec.getCredentialsRoleArn(), ROLE_ARN_PATTERN, MAX_ROLE_ARN);
        problems.optional("apiName", spec.getApiName(), API_NAME_PATTERN, MAX_API_NAME);
        if (spec.getApiName() != null && spec.getApiName().isEmpty()) {
            problems.add("spec.apiName must not be empty");
        }
        problems.tagCountAndValues(spec.getTags());
        if (!problems.blocking) {
            celRules(problems, spec);
        }
        return problems.list;
    }

    /** The CRD's CEL rules, decided as they are (each reports once, never fails on a value its pattern refused). */
    private static void celRules(Problems problems, GreetingApiSpec spec) {
        if (Pattern.compile(DOT_PART_PATTERN).matcher(spec.getPath()).find()) {
            problems.add("spec.path: " + DOT_PART_MESSAGE);
        }
        String function = spec.getFunctionArn();
        String region = spec.getRegion();
        if (region != null && (region.startsWith("cn-") != function.startsWith("arn:aws-cn:")
                || region.startsWith("us-gov-") != function.startsWith("arn:aws-us-gov:"))) {
            problems.add("spec.region: " + REGION_PARTITION_MESSAGE);
        }
        String role = spec.getCredentialsRoleArn();
        // split with -1 keeps trailing empty parts, as CEL's split does
        String[] roleParts = role == null ? null : role.split(":", -1);
        String[] functionParts = function.split(":", -1);
        if (roleParts != null && roleParts.length >= 2 && functionParts.length >= 2 && !roleParts[1].equals(functionParts[1])) {
            problems.add("spec.credentialsRoleArn: " + ROLE_PARTITION_MESSAGE);
        }
        Set<String> keys = spec.getTags() == null ? Set.of() : spec.getTags().keySet();
        if (keys.stream().anyMatch(key -> key.isEmpty() || key.codePointCount(0, key.length()) > MAX_TAG_KEY)) {
            problems.add("spec.tags: " + TAG_KEY_LENGTH_MESSAGE);
        }
        if (keys.stream().anyMatch(key -> key.startsWith(AWS_TAG_PREFIX))) {
            problems.add("spec.tags: " + AWS_TAG_MESSAGE);
        }
        if (keys.stream().anyMatch(key -> key.startsWith(GreetingApi.RESERVED_TAG_PREFIX))) {
            problems.add("spec.tags: " + RESERVED_TAG_MESSAGE);
        }
    }

    /** The problems found so far, and whether one of them keeps the API server from running the CEL rules. */
    private static final class Problems {
        private final List<String> list = new ArrayList<>();
        private boolean blocking;

        void add(String problem) {
            list.add(problem);
        }

        void blocking(String problem) {
            list.add(problem);
            blocking = true;
        }

        void required(String field, String value, String pattern, int maxLength) {
            if (value == null) {
                blocking("spec." + field + " is required");
            } else {
                optional(field, value, pattern, maxLength);
            }
        }

        void optional(String field, String value, String pattern, int maxLength) {
            if (value == null) {
                return;
            }
            // lengths in characters (code points), as the API server counts them, not UTF-16 units
            if (value.codePointCount(0, value.length()) > maxLength) {
                blocking("spec." + field + " must be at most " + maxLength + " characters");
            } else if (!Pattern.compile(pattern).matcher(value).matches()) {
                // matches(), not find(): java.util.regex lets '$' match before a final newline, RE2 does not
                add("spec." + field + " must match " + pattern);
            }
        }

        void tagCountAndValues(Map<String, String> tags) {
            if (tags == null) {
                return;
            }
            if (tags.size() > MAX_TAGS) {
                blocking("spec.tags must have at most " + MAX_TAGS + " entries");
            }
            tags.forEach((key, value) -> {
                if (value == null || value.codePointCount(0, value.length()) > MAX_TAG_VALUE) {
                    blocking("spec.tags." + key + " must be a string of at most " + MAX_TAG_VALUE + " characters");
                }
            });
        }
    }
}
