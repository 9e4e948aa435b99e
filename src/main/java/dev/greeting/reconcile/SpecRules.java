package dev.greeting.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The same rules the CRD enforces at admission, checked again before any AWS call: a resource
 * admitted by an older CRD, or created where the schema was not installed, must still never put
 * unvalidated text into a mapping template or an ARN.
 */
final class SpecRules {
    /** The parameter name is written into a VTL template and a JSON key: letters, digits, '_' and '-' only. */
    static final Pattern PARAMETER = Pattern.compile("^[A-Za-z][A-Za-z0-9_.-]{0,127}$");
    static final Pattern PATH_PART = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");
    static final Pattern STAGE = Pattern.compile("^[A-Za-z0-9_]{1,128}$");
    static final Pattern REGION = Pattern.compile("^[a-z]{2}(-gov)?-[a-z]+-\\d$");
    static final Pattern ROLE_ARN = Pattern.compile(
            "^arn:aws[a-zA-Z-]*:iam::\\d{12}:role/([a-zA-Z0-9_+=,.@-]+/)*[a-zA-Z0-9_+=,.@-]{1,64}$");
    static final String RESERVED_TAG_PREFIX = "greeting.dev/";

    private SpecRules() {
    }

    static List<String> pathParts(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidSpecException("spec.path is required");
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (!PATH_PART.matcher(part).matches() || ".".equals(part) || "..".equals(part)) {
                throw new InvalidSpecException("spec.path must be path parts of letters, digits, '.', '_' or '-' "
                        + "separated by '/' (no '.' or '..' parts): " + path);
            }
            parts.add(part);
        }
        return List.copyOf(parts);
    }

    static String parameter(String name) {
        String value = name == null ? "greeter" : name;
        require(PARAMETER, value, "spec.greeterParameter", "a letter, then letters, digits, '_', '.' or '-' (at most 128)");
        return value;
    }

    static String stage(String stage) {
        if (stage == null || stage.isBlank()) {
            throw new InvalidSpecException("spec.stage is required");
        }
        require(STAGE, stage, "spec.stage", "letters, digits or '_'");
        return stage;
    }

    static String region(String specRegion, String defaultRegion) {
        String region = specRegion != null && !specRegion.isBlank() ? specRegion : defaultRegion;
        if (region == null || region.isBlank()) {
            throw new InvalidSpecException("spec.region is not set and the operator has no default region (AWS_REGION)");
        }
        require(REGION, region, "spec.region", "an AWS region such as us-west-2");
        return region;
    }

    static String roleArn(String arn) {
        if (arn == null || arn.isBlank()) {
            return null;
        }
        require(ROLE_ARN, arn, "spec.credentialsRoleArn", "an IAM role ARN");
        return arn;
    }

    static void userTags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        tags.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 128 || k.startsWith("aws:") || k.startsWith(RESERVED_TAG_PREFIX)) {
                throw new InvalidSpecException("spec.tags: key '" + k + "' must be 1-128 characters and not start with "
                        + "'aws:' or '" + RESERVED_TAG_PREFIX + "'");
            }
            if (v == null || v.length() > 256) {
                throw new InvalidSpecException("spec.tags: the value of '" + k + "' must be at most 256 characters");
            }
        });
    }

    static String apiName(String name, String namespace, String resourceName) {
        String value = name == null || name.isBlank() ? namespace + "-" + resourceName : name;
        if (value.length() > 1024) {
            throw new InvalidSpecException("spec.apiName must be at most 1024 characters");
        }
        return value;
    }

    private static void require(Pattern pattern, String value, String field, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new InvalidSpecException(field + " must be " + what + ": " + value);
        }
    }
}
