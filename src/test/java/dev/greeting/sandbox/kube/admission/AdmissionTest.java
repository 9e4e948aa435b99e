package dev.greeting.sandbox.kube.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admission against the test CRD's schema, as kube-apiserver would answer. */
class AdmissionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = AdmissionTest.class.getResourceAsStream(
                "/dev/greeting/sandbox/kube/greetingapis.greeting.dev-v1.yml")) {
            JsonNode crd = new YAMLMapper().readTree(in);
            schema = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
        }
    }

    private static ObjectNode resource(String specJson) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"apiVersion":"greeting.dev/v1alpha1","kind":"GreetingApi",
                 "metadata":{"name":"hello","namespace":"default","labels":{"a":"b"}},
                 "spec":%s}""".formatted(specJson));
    }

    private static final String VALID = """
            {"functionArn":"arn:aws:lambda:us-east-1:123456789012:function:HelloWorld","path":"greeting","stage":"test"}""";

    /** field.Invalid(nil, nil, ...): the value is a nil interface, printed bare. */
    private static final String RULES_NOT_CHECKED = "<nil>: Invalid value: null: some validation rules were not checked"
            + " because the object was invalid; correct the existing errors to complete validation";

    private static List<String> errorsOf(ObjectNode object, ObjectNode old) {
        try {
            Admission.admit(object, old, schema, Admission.FieldValidation.WARN);
            return List.of();
        } catch (Admission.InvalidObject e) {
            return e.errors().stream().map(FieldError::toString).toList();
        }
    }

    @Test
    void appliesDefaultsAndKeepsMetadata() throws Exception {
        ObjectNode object = resource(VALID);
        Admission.Result result = Admission.admit(object, null, schema, Admission.FieldValidation.WARN);
        JsonNode spec = result.object().path("spec");
        assertThat(spec.path("greeterParameter").asText()).isEqualTo("greeter");
        assertThat(spec.path("greeterRequired").asBoolean(true)).isFalse();
        assertThat(spec.path("deletionPolicy").asText()).isEqualTo("Delete");
        assertThat(result.object().path("metadata").path("labels").path("a").asText()).isEqualTo("b");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void prunesUnknownFieldsWithWarningsOrRefusesThemWhenStrict() throws Exception {
        ObjectNode object = resource(VALID.replace("}", ",\"bogus\":1,\"tags\":{\"team\":\"x\"}}"));
        object.putObject("extra").put("x", 1);
        Admission.Result result = Admission.admit(object, null, schema, Admission.FieldValidation.WARN);
        assertThat(result.object().path("spec").has("bogus")).isFalse();
        assertThat(result.object().has("extra")).isFalse();
        assertThat(result.object().path("spec").path("tags").path("team").asText()).isEqualTo("x");
        assertThat(result.warnings()).containsExactlyInAnyOrder("unknown field \"spec.bogus\"", "unknown field \"extra\"");

        assertThatThrownBy(() -> Admission.admit(resource(VALID.replace("}", ",\"bogus\":1}")), null, schema,
                Admission.FieldValidation.STRICT))
                .isInstanceOfSatisfying(Admission.UnknownFields.class,
                        e -> assertThat(e.fields()).containsExactly("spec.bogus"));
    }

    @Test
    void nullForANonNullableFieldIsDroppedThenDefaulted() throws Exception {
        ObjectNode object = resource(VALID.replace("}", ",\"greeterParameter\":null}"));
        Admission.admit(object, null, schema, Admission.FieldValidation.WARN);
        assertThat(object.path("spec").path("greeterParameter").asText()).isEqualTo("greeter");
    }

    @Test
    void reportsRequiredPatternAndLengthErrorsLikeKubeApiserver() throws Exception {
        ObjectNode object = resource("""
                {"functionArn":"not-an-arn","stage":"bad stage","apiName":"%s"}""".formatted("x".repeat(129)));
        assertThat(errorsOf(object, null)).containsExactlyInAnyOrder(
                "spec.path: Required value",
                "spec.functionArn: Invalid value: \"not-an-arn\": spec.functionArn in body should match"
                        + " '^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?$'",
                "spec.stage: Invalid value: \"bad stage\": spec.stage in body should match '^[a-zA-Z0-9_]+$'",
                "spec.apiName: Too long: may not be more than 128 bytes",
                // a missing field or a value too long blocks the CEL rules too (a pattern error does not)
                RULES_NOT_CHECKED);
    }

    @Test
    void wrongTypesAndEnumsBlockTheCelRules() throws Exception {
        ObjectNode object = resource(VALID.replace("}", ",\"greeterRequired\":\"yes\",\"deletionPolicy\":\"Keep\","
                + "\"credentialsRoleArn\":\"arn:aws:iam::999999999999:role/r\"}"));
        assertThat(errorsOf(object, null)).containsExactly(
                "spec.greeterRequired: Invalid value: \"string\": spec.greeterRequired in body must be of type"
                        + " boolean: \"string\"",
                "spec.deletionPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Retain\"",
                RULES_NOT_CHECKED);
    }

    @Test
    void celRuleFailsWithItsMessageAtItsNode() throws Exception {
        ObjectNode object = resource(VALID.replace("}", ",\"credentialsRoleArn\":\"arn:aws:iam::999999999999:role/r\"}"));
        assertThat(errorsOf(object, null)).containsExactly(
                // kube-apiserver omits the value of an object (field.OmitValueType) and shows a scalar's
                "spec: Invalid value: credentialsRoleArn must be in the function's account");

        ObjectNode sameAccount = resource(VALID.replace("}",
                ",\"credentialsRoleArn\":\"arn:aws:iam::123456789012:role/r\"}"));
        assertThat(errorsOf(sameAccount, null)).isEmpty();
    }

    @Test
    void aFailedRuleOnAScalarShowsItsValue() throws Exception {
        ObjectNode stageRule = (ObjectNode) schema.deepCopy();
        ((ObjectNode) stageRule.path("properties").path("spec").path("properties").path("stage"))
                .putArray("x-kubernetes-validations").addObject()
                .put("rule", "self != 'forbidden'").put("message", "stage must not be 'forbidden'");
        assertThatThrownBy(() -> Admission.admit(resource(VALID.replace("\"test\"", "\"forbidden\"")), null, stageRule,
                Admission.FieldValidation.STRICT))
                .isInstanceOfSatisfying(Admission.InvalidObject.class, e -> assertThat(e.errors()).extracting(FieldError::toString)
                        .containsExactly("spec.stage: Invalid value: \"forbidden\": stage must not be 'forbidden'"));
    }

    @Test
    void aRuleThatCannotBeEvaluatedIsAnErrorAtItsNodeNotAtItsFieldPath() throws Exception {
        ObjectNode withFieldPath = (ObjectNode) schema.deepCopy();
        ((ObjectNode) withFieldPath.path("properties").path("spec").path("x-kubernetes-validations").get(0))
                .put("fieldPath", ".credentialsRoleArn");
        // "r".split(':')[4]: index out of bounds; a pattern error does not keep the rule from running
        ObjectNode object = resource(VALID.replace("}", ",\"credentialsRoleArn\":\"r\"}"));
        assertThatThrownBy(() -> Admission.admit(object, null, withFieldPath, Admission.FieldValidation.STRICT))
                .isInstanceOfSatisfying(Admission.InvalidObject.class, e -> assertThat(e.errors()).extracting(FieldError::toString)
                        .anySatisfy(error -> assertThat(error).startsWith("spec.credentialsRoleArn: Invalid value: \"r\""))
                        .anySatisfy(error -> assertThat(error).startsWith("spec: Invalid value: \"object\": ")
                                .endsWith(" evaluating rule: credentialsRoleArn must be in the function's account"))
                        .hasSize(2));
    }

    @Test
    void transitionRulesSeeOldSelfOnlyOnUpdate() throws Exception {
        ObjectNode immutableStage = (ObjectNode) schema.deepCopy();
        ((ObjectNode) immutableStage.path("properties").path("spec").path("properties").path("stage"))
                .putArray("x-kubernetes-validations").addObject()
                .put("rule", "self == oldSelf").put("message", "stage is immutable").put("reason", "FieldValueForbidden");
        ObjectNode created = resource(VALID);
        Admission.admit(created, null, immutableStage, Admission.FieldValidation.WARN);

        ObjectNode changed = resource(VALID.replace("\"test\"", "\"prod\""));
        assertThatThrownBy(() -> Admission.admit(changed, created, immutableStage, Admission.FieldValidation.WARN))
                .isInstanceOfSatisfying(Admission.InvalidObject.class, e -> assertThat(e.errors())
                        .extracting(FieldError::toString).containsExactly("spec.stage: Forbidden: stage is immutable"));
        assertThat(errorsOf(resource(VALID), created)).isEmpty();
    }

    @Test
    void rejectsNamesThatAreNotDnsSubdomains() throws Exception {
        ObjectNode object = resource(VALID);
        object.with("metadata").put("name", "Hello_World");
        assertThat(errorsOf(object, null)).singleElement().asString()
                .startsWith("metadata.name: Invalid value: \"Hello_World\": a lowercase RFC 1123 subdomain");
    }

    @Test
    void validatesStatusTypes() throws Exception {
        ObjectNode object = resource(VALID);
        object.putObject("status").put("observedGeneration", "two");
        assertThat(errorsOf(object, null)).first().asString().isEqualTo(
                "status.observedGeneration: Invalid value: \"string\": status.observedGeneration in body must be of"
                        + " type integer: \"string\"");
    }
}
