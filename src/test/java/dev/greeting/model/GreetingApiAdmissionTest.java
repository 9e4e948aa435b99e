package dev.greeting.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admission rules of the generated CRD, as a table: every good manifest is accepted, every
 * bad one is refused for exactly the expected reasons (so a rule that stops rejecting, or starts
 * rejecting for the wrong reason, fails the build), and every rule in the schema is exercised.
 */
class GreetingApiAdmissionTest {
    static final JsonNode SCHEMA = GeneratedCrd.openApiV3Schema();
    static final Admission ADMISSION = Admission.of(GeneratedCrd.crd());
    static final Path EXAMPLE = Path.of("examples/hello-world.yaml");
    /** Marks a spec field to remove from the hello-world manifest. */
    static final Object ABSENT = new Object();

    static final String PATTERN = "pattern";
    static final String REQUIRED = "required";
    static final String ENUM = "enum";
    static final String MAX_LENGTH = "maxLength";
    static final String MIN_LENGTH = "minLength";
    static final String TYPE = "type";

    record Case(String name, ObjectNode manifest, Set<Violation> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> good() {
        return Stream.of(
                good("examples/hello-world.yaml", helloWorld()),
                good("DESIGN.md's full resource with status", manifest("manifests/design-full.yaml")),
                good("optional fields rendered as null", manifest("manifests/helm-rendered-nulls.yaml")),
                good("no greeterParameter (defaulted)", helloWorldWith("greeterParameter", ABSENT)),
                good("function version qualifier", helloWorldWith("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld:7")),
                good("function alias qualifier", helloWorldWith("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:Hello-World_2:live")),
                good("$LATEST qualifier", helloWorldWith("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld:$LATEST")),
                good("64-character function name", helloWorldWith("functionArn", "arn:aws:lambda:eu-central-1:123456789012:function:" + "f".repeat(64))),
                good("aws-cn partition throughout", helloWorldWith(
                        "functionArn", "arn:aws-cn:lambda:cn-north-1:123456789012:function:HelloWorld",
                        "region", "cn-northwest-1",
                        "credentialsRoleArn", "arn:aws-cn:iam::123456789012:role/apigAwsProxyRole")),
                good("aws-us-gov partition", helloWorldWith(
                        "functionArn", "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:HelloWorld",
                        "region", "us-gov-east-1")),
                good("API in another region than the function", helloWorldWith("region", "ap-southeast-2")),
                good("two path parts", helloWorldWith("path", "v1/greeting")),
                good("path parts with . _ -", helloWorldWith("path", "api/v1.2/hello_world-x/.well-known")),
                good("role with a path", helloWorldWith("credentialsRoleArn", "arn:aws:iam::123456789012:role/service-role/apigw/apigAwsProxyRole")),
                good("role name with +=,.@-", helloWorldWith("credentialsRoleArn", "arn:aws:iam::123456789012:role/a+b=c,d.e@f-g_h")),
                good("one-letter parameter", helloWorldWith("greeterParameter", "g")),
                good("parameter with . _ -", helloWorldWith("greeterParameter", "who.is_it-now")),
                good("128-character parameter", helloWorldWith("greeterParameter", "g".repeat(128))),
                good("128-character stage", helloWorldWith("stage", "s".repeat(128))),
                good("stage with digits and _", helloWorldWith("stage", "prod_2")),
                good("apiName as in the recipe", helloWorldWith("apiName", "HelloWorld (AWS CLI)")),
                good("128-character apiName", helloWorldWith("apiName", "n".repeat(128))),
                good("apiName with non-ASCII letters", helloWorldWith("apiName", "Grüße – 挨拶")),
                good("128 characters outside the BMP in apiName (256 UTF-16 units)", helloWorldWith("apiName", "\uD83D\uDC4B".repeat(128))),
                good("a 128-character tag key outside the BMP", helloWorldWith("tags", Map.of("\uD83C\uDFF7".repeat(128), "label"))),
                good("Retain and required greeter", helloWorldWith("deletionPolicy", "Retain", "greeterRequired", true)),
                good("50 tags", helloWorldWith("tags", tags(50))),
                good("128-character tag key, 256-character and empty values",
                        helloWorldWith("tags", Map.of("k".repeat(128), "v".repeat(256), "empty", ""))),
                good("tag keys merely containing aws: or greeting.dev/",
                        helloWorldWith("tags", Map.of("team:aws:x", "a", "example.com/greeting.dev/x", "b", "AWS-team", "c"))),
                good("no tags", helloWorldWith("tags", Map.of())));
    }

    static Stream<Case> bad() {
        return Stream.of(
                // required
                bad("no spec", without(helloWorld(), "spec"), "spec", REQUIRED),
                bad("no functionArn", helloWorldWith("functionArn", ABSENT), "spec.functionArn", REQUIRED),
                bad("no path", helloWorldWith("path", ABSENT), "spec.path", REQUIRED),
                bad("no stage", helloWorldWith("stage", ABSENT), "spec.stage", REQUIRED),
                bad("misspelt field (strict field validation)", helloWorldWith("greeterRequried", true), "spec.greeterRequried", "unknown field"),
                // functionArn
                functionArn("a bare function name", "HelloWorld"),
                functionArn("no account", "arn:aws:lambda:us-east-1::function:HelloWorld"),
                functionArn("11-digit account", "arn:aws:lambda:us-east-1:12345678901:function:HelloWorld"),
                functionArn("malformed region", "arn:aws:lambda:useast1:123456789012:function:HelloWorld"),
                functionArn("another service", "arn:aws:sqs:us-east-1:123456789012:function:HelloWorld"),
                functionArn("a layer, not a function", "arn:aws:lambda:us-east-1:123456789012:layer:HelloWorld"),
                functionArn("65-character name", "arn:aws:lambda:us-east-1:123456789012:function:" + "f".repeat(65)),
                functionArn("'.' in the name", "arn:aws:lambda:us-east-1:123456789012:function:Hello.World"),
                functionArn("empty qualifier", "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld:"),
                functionArn("'$' in an alias", "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld:$live"),
                functionArn("text after the ARN", "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld\n#set($x=1)"),
                bad("257-character function ARN", helloWorldWith("functionArn",
                        "arn:aws" + "-x".repeat(100) + ":lambda:us-east-1:123456789012:function:HelloWorld"), "spec.functionArn", MAX_LENGTH),
                // credentialsRoleArn
                roleArn("a user, not a role", "arn:aws:iam::123456789012:user/apigAwsProxyRole"),
                roleArn("a region in an IAM ARN", "arn:aws:iam:us-east-1:123456789012:role/apigAwsProxyRole"),
                roleArn("no account", "arn:aws:iam:::role/apigAwsProxyRole"),
                roleArn("a role name alone", "apigAwsProxyRole"),
                roleArn("65-character role name", "arn:aws:iam::123456789012:role/" + "r".repeat(65)),
                roleArn("quote in the role name", "arn:aws:iam::123456789012:role/apig\"Role"),
                roleArn("empty path segment", "arn:aws:iam::123456789012:role//apigAwsProxyRole"),
                bad("2049-character role ARN", helloWorldWith("credentialsRoleArn",
                        "arn:aws:iam::123456789012:role/" + "p/".repeat(1008) + "rl"), "spec.credentialsRoleArn", MAX_LENGTH),
                bad("role from another partition", helloWorldWith("credentialsRoleArn", "arn:aws-cn:iam::123456789012:role/apigAwsProxyRole"),
                        "spec.credentialsRoleArn", "credentialsRoleArn must be in the same AWS partition as functionArn"),
                // region
                region("no number", "us-east"),
                region("upper case", "US-EAST-1"),
                region("an availability zone", "us-east-1a"),
                region("a two-digit number", "us-east-10"),
                bad("33-character region", helloWorldWith("region", "us-" + "w".repeat(28) + "-1"), "spec.region", MAX_LENGTH),
                bad("China region for an aws function", helloWorldWith("region", "cn-north-1"), "spec.region", PARTITION_MESSAGE),
                bad("GovCloud region for an aws function", helloWorldWith("region", "us-gov-west-1"), "spec.region", PARTITION_MESSAGE),
                bad("aws region for an aws-cn function", helloWorldWith(
                        "functionArn", "arn:aws-cn:lambda:cn-north-1:123456789012:function:HelloWorld", "region", "us-east-1"),
                        "spec.region", PARTITION_MESSAGE),
                // stage
                stage("hyphen", "my-stage"),
                stage("empty", ""),
                stage("129 characters", "s".repeat(129)),
                stage("slash", "test/v1"),
                // path
                path("leading slash", "/greeting"),
                path("trailing slash", "greeting/"),
                path("empty part", "v1//greeting"),
                path("empty", ""),
                path("only a slash", "/"),
                path("path parameter", "{proxy+}"),
                path("path parameter part", "users/{id}"),
                path("space", "greet ing"),
                path("tilde (API Gateway refuses it)", "~user"),
                path("query string", "greeting?x=1"),
                bad("'.' part", helloWorldWith("path", "v1/./greeting"), "spec.path", DOT_MESSAGE),
                bad("'..' part", helloWorldWith("path", "v1/../greeting"), "spec.path", DOT_MESSAGE),
                bad("'..' alone", helloWorldWith("path", ".."), "spec.path", DOT_MESSAGE),
                bad("1025-character path", helloWorldWith("path", "p".repeat(1025)), "spec.path", MAX_LENGTH),
                // greeterParameter: ends up in $input.params('NAME') inside a VTL template
                parameter("an injection closing the VTL string", "greeter')$util.urlDecode('x"),
                parameter("a single quote", "gr'eeter"),
                parameter("a double quote", "gr\"eeter"),
                parameter("a VTL reference", "greeter$context"),
                parameter("a VTL directive", "greeter#set"),
                parameter("a backslash", "greeter\\"),
                parameter("a parenthesis", "greeter)"),
                parameter("a brace", "greeter}"),
                parameter("a space", "the greeter"),
                parameter("a leading digit", "1greeter"),
                parameter("a leading dot", ".greeter"),
                parameter("empty", ""),
                parameter("129 characters", "g".repeat(129)),
                parameter("a non-ASCII letter", "grüßer"),
                parameter("a newline", "greeter\n"),
                // enum, type
                bad("lower-case deletionPolicy", helloWorldWith("deletionPolicy", "delete"), "spec.deletionPolicy", ENUM),
                bad("unknown deletionPolicy", helloWorldWith("deletionPolicy", "Orphan"), "spec.deletionPolicy", ENUM),
                bad("greeterRequired as a string", helloWorldWith("greeterRequired", "yes"), "spec.greeterRequired", TYPE),
                // apiName
                bad("empty apiName", helloWorldWith("apiName", ""), "spec.apiName", MIN_LENGTH),
                bad("129-character apiName", helloWorldWith("apiName", "n".repeat(129)), "spec.apiName", MAX_LENGTH),
                bad("newline in apiName", helloWorldWith("apiName", "Hello\nWorld"), "spec.apiName", PATTERN),
                // tags
                bad("51 tags", helloWorldWith("tags", tags(51)), "spec.tags", "maxProperties"),
                bad("257-character tag value", helloWorldWith("tags", Map.of("team", "v".repeat(257))), "spec.tags.team", MAX_LENGTH),
                bad("numeric tag value", helloWorldWith("tags", Map.of("team", 5)), "spec.tags.team", TYPE),
                bad("aws: tag key", helloWorldWith("tags", Map.of("aws:cloudformation:stack-name", "x")), "spec.tags",
                        "tag keys must not start with 'aws:' (reserved by AWS)"),
                bad("operator's tag key", helloWorldWith("tags", Map.of(GreetingApi.RESERVED_TAG_PREFIX + "uid", "forged")), "spec.tags",
                        "tag keys starting with 'greeting.dev/' are reserved for the operator"),
                bad("129-character tag key", helloWorldWith("tags", Map.of("k".repeat(129), "x")), "spec.tags",
                        "tag keys must be 1 to 128 characters long"),
                bad("empty tag key", helloWorldWith("tags", Map.of("", "x")), "spec.tags", "tag keys must be 1 to 128 characters long"),
                // which schema errors keep the API server from running the CEL rules: a pattern error does not ...
                bad("a pattern error and a partition rule", helloWorldWith(
                        "functionArn", "arn:aws-cn:lambda:cn-north-1:123456789012:function:Hello.World", "region", "us-east-1"),
                        new Violation("spec.functionArn", PATTERN), new Violation("spec.region", PARTITION_MESSAGE)),
                bad("a role ARN with a region, from another partition", helloWorldWith(
                        "credentialsRoleArn", "arn:aws-cn:iam:cn-north-1:123456789012:role/apigAwsProxyRole"),
                        new Violation("spec.credentialsRoleArn", PATTERN),
                        new Violation("spec.credentialsRoleArn", SpecRules.ROLE_PARTITION_MESSAGE)),
                // ... a missing field, a value too long, too many entries, an enum value or a type does
                bad("a missing field hides a partition error", helloWorldWith("path", ABSENT, "region", "cn-north-1"),
                        new Violation("spec.path", REQUIRED)),
                bad("a too-long tag value hides an aws: tag key", helloWorldWith("tags", Map.of("team", "v".repeat(257), "aws:x", "y")),
                        new Violation("spec.tags.team", MAX_LENGTH)),
                bad("51 tags hide an operator's tag key", helloWorldWith("tags", withReservedKey(tags(51))),
                        new Violation("spec.tags", "maxProperties")),
                bad("an enum value hides a '..' part", helloWorldWith("deletionPolicy", "Orphan", "path", "v1/../greeting"),
                        new Violation("spec.deletionPolicy", ENUM)));
    }

    static final String PARTITION_MESSAGE =
            "region must be in the same AWS partition as functionArn (aws-cn: cn-* regions, aws-us-gov: us-gov-* regions)";
    static final String DOT_MESSAGE = "path parts '.' and '..' are not allowed";

    @ParameterizedTest(name = "accepts {0}")
    @MethodSource("good")
    void acceptsGoodManifests(Case good) {
        assertThat(ADMISSION.admit(good.manifest()).violations()).as(good.name()).isEmpty();
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("bad")
    void refusesBadManifestsForTheExpectedReason(Case bad) {
        assertThat(ADMISSION.admit(bad.manifest()).violations()).as(bad.name()).containsExactlyInAnyOrderElementsOf(bad.expected());
    }

    /** A constraint added to the model without a bad manifest here is a constraint nobody checked. */
    @Test
    void everyConstraintOfTheSchemaIsExercisedByABadManifest() {
        Set<Violation> exercised = new LinkedHashSet<>();
        bad().forEach(c -> c.expected().forEach(v -> exercised.add(new Violation(schemaPath(v.field()), v.reason()))));
        assertThat(exercised).containsAll(constraints(SCHEMA, ""));
    }

    @Test
    void theSchemaDefaultsAbsentFieldsAsDesignMdSays() {
        JsonNode spec = SCHEMA.path("properties").path("spec").path("properties");
        assertThat(spec.path("greeterParameter").path("default").asText()).isEqualTo("greeter");
        assertThat(spec.path("greeterRequired").path("default").isBoolean()).isTrue();
        assertThat(spec.path("greeterRequired").path("default").booleanValue()).isFalse();
        assertThat(spec.path("deletionPolicy").path("default").asText()).isEqualTo("Delete");

        JsonNode stored = ADMISSION.admit(helloWorldWith("greeterParameter", ABSENT)).stored().path("spec");
        assertThat(stored.path("greeterParameter").asText()).isEqualTo("greeter");
        assertThat(stored.path("greeterRequired").isBoolean()).isTrue();
        assertThat(stored.path("greeterRequired").booleanValue()).isFalse();
        assertThat(stored.path("deletionPolicy").asText()).isEqualTo("Delete");
        assertThat(stored.has("region")).as("region defaults to the operator's region, not in the schema").isFalse();
    }

    @Test
    void nullOptionalFieldsArePrunedThenDefaulted() {
        JsonNode rendered = ADMISSION.admit(manifest("manifests/helm-rendered-nulls.yaml")).stored().path("spec");
        JsonNode example = ADMISSION.admit(helloWorld()).stored().path("spec");
        assertThat(rendered).isEqualTo(example);
    }

    @Test
    void theModelsJavaDefaultsAreTheSchemaDefaults() {
        GreetingApiSpec spec = new GreetingApiSpec();
        JsonNode defaults = SCHEMA.path("properties").path("spec").path("properties");
        assertThat(spec.getGreeterParameter()).isEqualTo(defaults.path("greeterParameter").path("default").asText());
        assertThat(spec.getGreeterRequired()).isEqualTo(defaults.path("greeterRequired").path("default").booleanValue());
        assertThat(spec.getDeletionPolicy().name()).isEqualTo(defaults.path("deletionPolicy").path("default").asText());
    }

    // --- the table's building blocks

    static Case good(String name, ObjectNode manifest) {
        return new Case(name, manifest, Set.of());
    }

    static Case bad(String name, ObjectNode manifest, String field, String reason) {
        return new Case(name, manifest, Set.of(new Violation(field, reason)));
    }

    static Case bad(String name, ObjectNode manifest, Violation... expected) {
        return new Case(name, manifest, Set.of(expected));
    }

    static Case functionArn(String name, String value) {
        return bad("functionArn: " + name, helloWorldWith("functionArn", value), "spec.functionArn", PATTERN);
    }

    static Case roleArn(String name, String value) {
        return bad("credentialsRoleArn: " + name, helloWorldWith("credentialsRoleArn", value), "spec.credentialsRoleArn", PATTERN);
    }

    static Case region(String name, String value) {
        return bad("region: " + name, helloWorldWith("region", value), "spec.region", PATTERN);
    }

    static Case stage(String name, String value) {
        return bad("stage: " + name, helloWorldWith("stage", value), "spec.stage", PATTERN);
    }

    static Case path(String name, String value) {
        return bad("path: " + name, helloWorldWith("path", value), "spec.path", PATTERN);
    }

    static Case parameter(String name, String value) {
        return bad("greeterParameter: " + name, helloWorldWith("greeterParameter", value), "spec.greeterParameter", PATTERN);
    }

    static ObjectNode helloWorld() {
        try {
            return (ObjectNode) GeneratedCrd.YAML.readTree(Files.readString(EXAMPLE));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + EXAMPLE.toAbsolutePath(), e);
        }
    }

    /** The hello-world example with spec fields set ({@code name, value, ...}) or removed ({@link #ABSENT}). */
    static ObjectNode helloWorldWith(Object... fieldsAndValues) {
        ObjectNode manifest = helloWorld();
        ObjectNode spec = (ObjectNode) manifest.get("spec");
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            String field = (String) fieldsAndValues[i];
            Object value = fieldsAndValues[i + 1];
            if (value == ABSENT) {
                spec.remove(field);
            } else {
                spec.set(field, GeneratedCrd.YAML.valueToTree(value));
            }
        }
        return manifest;
    }

    static ObjectNode without(ObjectNode manifest, String field) {
        manifest.remove(field);
        return manifest;
    }

    static ObjectNode manifest(String resource) {
        try (var in = GreetingApiAdmissionTest.class.getClassLoader().getResourceAsStream(resource)) {
            return (ObjectNode) GeneratedCrd.YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    static Map<String, String> tags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        IntStream.rangeClosed(1, count).forEach(i -> tags.put("tag" + i, "value" + i));
        return tags;
    }

    static Map<String, String> withReservedKey(Map<String, String> tags) {
        tags.remove(tags.keySet().iterator().next());
        tags.put(GreetingApi.RESERVED_TAG_PREFIX + "uid", "forged");
        return tags;
    }

    /** spec.tags.team -> spec.tags.* : the schema node a violation's field belongs to. */
    static String schemaPath(String field) {
        JsonNode node = SCHEMA;
        List<String> parts = new ArrayList<>();
        for (String segment : field.split("\\.")) {
            if (node.path("properties").has(segment)) {
                node = node.path("properties").get(segment);
                parts.add(segment);
            } else if (node.path("additionalProperties").isObject()) {
                node = node.get("additionalProperties");
                parts.add("*");
            } else {
                return field;
            }
        }
        return String.join(".", parts);
    }

    /** Every check the schema makes beyond types: keyword constraints, required fields, CEL rules. */
    static Set<Violation> constraints(JsonNode node, String path) {
        Set<Violation> constraints = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (String keyword : List.of(PATTERN, ENUM, MIN_LENGTH, MAX_LENGTH, "minProperties", "maxProperties",
                "minItems", "maxItems", "minimum", "maximum")) {
            if (node.has(keyword)) {
                constraints.add(new Violation(path, keyword));
            }
        }
        node.path(REQUIRED).forEach(name -> constraints.add(new Violation(join(path, name.asText()), REQUIRED)));
        // Transition rules judge updates, which this create table cannot reach: RegionImmutabilityTest does.
        node.path("x-kubernetes-validations").forEach(rule -> {
            if (!CelRules.isTransitionRule(rule.path("rule").asText())) {
                constraints.add(new Violation(path + rule.path("fieldPath").asText(""), rule.path("message").asText()));
            }
        });
        node.path("properties").fields().forEachRemaining(p -> constraints.addAll(constraints(p.getValue(), join(path, p.getKey()))));
        if (node.path("additionalProperties").isObject()) {
            constraints.addAll(constraints(node.get("additionalProperties"), join(path, "*")));
        }
        if (node.has("items")) {
            constraints.addAll(constraints(node.get("items"), path + "[*]"));
        }
        return constraints;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
