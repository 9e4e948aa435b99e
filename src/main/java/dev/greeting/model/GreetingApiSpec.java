package dev.greeting.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the user asks for; see DESIGN.md "The resource".
 * The annotations become the CRD's admission rules (OpenAPI schema and CEL), all taken from
 * {@link SpecRules}; the reconciler can apply the same rules with {@link SpecRules#problems}.
 * CEL rules use only what the API server offers: standard CEL plus the Kubernetes strings library.
 */
@ValidationRule(value = "!has(self.region) || ((self.region.startsWith('cn-') == self.functionArn.startsWith('arn:aws-cn:'))"
        + " && (self.region.startsWith('us-gov-') == self.functionArn.startsWith('arn:aws-us-gov:')))",
        message = SpecRules.REGION_PARTITION_MESSAGE, fieldPath = ".region", reason = "FieldValueInvalid")
// The API server runs the CEL rules even when a pattern failed, so this rule must not index past the
// end of something that is not an ARN (the pattern reports that): such a value passes it.
@ValidationRule(value = "!has(self.credentialsRoleArn) || self.credentialsRoleArn.split(':').size() < 2"
        + " || self.functionArn.split(':').size() < 2 || self.credentialsRoleArn.split(':')[1] == self.functionArn.split(':')[1]",
        message = SpecRules.ROLE_PARTITION_MESSAGE, fieldPath = ".credentialsRoleArn", reason = "FieldValueInvalid")
// A REST API cannot move between regions: refuse the change rather than orphan the old API.
// Written on spec (not on region) so that adding or removing the field is refused too.
@ValidationRule(value = "has(self.region) == has(oldSelf.region) && (!has(self.region) || self.region == oldSelf.region)",
        message = SpecRules.REGION_IMMUTABLE_MESSAGE, fieldPath = ".region", reason = "FieldValueForbidden")
public class GreetingApiSpec {
    @Required
    @Size(max = SpecRules.MAX_FUNCTION_ARN) // bounds the API server's cost estimate of the CEL rules that read it
    @Pattern(SpecRules.FUNCTION_ARN_PATTERN)
    @JsonPropertyDescription("ARN of the Lambda function the GET method invokes, optionally qualified (:version or :alias).")
    private String functionArn;

    @Required
    @Size(max = SpecRules.MAX_PATH)
    @Pattern(SpecRules.PATH_PATTERN)
    @ValidationRule(value = "!self.matches('" + SpecRules.DOT_PART_PATTERN + "')", message = SpecRules.DOT_PART_MESSAGE,
            reason = "FieldValueInvalid")
    @JsonPropertyDescription("Resource path under the API root, one or more parts: 'greeting', 'v1/greeting'.")
    private String path;

    @Default(SpecRules.DEFAULT_GREETER_PARAMETER)
    @Pattern(SpecRules.PARAMETER_PATTERN)
    @JsonPropertyDescription("Name of the query-string parameter passed to the function as 'greeter'.")
    private String greeterParameter = SpecRules.DEFAULT_GREETER_PARAMETER;

    @Required
    @Pattern(SpecRules.STAGE_PATTERN)
    @JsonPropertyDescription("Stage the API is deployed to; renaming it moves the deployment and removes the old stage.")
    private String stage;

    @Size(max = SpecRules.MAX_REGION)
    @Pattern(SpecRules.REGION_PATTERN)
    @JsonPropertyDescription("Region of the REST API; default: the operator's AWS region.")
    private String region;

    @Size(min = 1, max = SpecRules.MAX_API_NAME)
    @Pattern(SpecRules.API_NAME_PATTERN)
    @JsonPropertyDescription("Name of the REST API; default: <namespace>-<name>.")
    private String apiName;

    @Default("false")
    @JsonPropertyDescription("true: API Gateway rejects a request without the parameter (400).")
    private Boolean greeterRequired = false;

    @Size(max = SpecRules.MAX_ROLE_ARN)
    @Pattern(SpecRules.ROLE_ARN_PATTERN)
    @JsonPropertyDescription("Role API Gateway assumes to invoke the function; absent: the operator manages a Lambda permission instead.")
    private String credentialsRoleArn;

    @Default("Delete")
    @JsonPropertyDescription("Delete: remove the REST API and the Lambda permission with the resource; Retain: keep them.")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

    @Default("true")
    @JsonPropertyDescription("true: after each deployment the operator calls the GET method once through API Gateway's"
            + " TestInvokeMethod and is Ready only when it answers 2xx (condition Serving); false: no such check.")
    private Boolean servingCheck = true;

    @Size(max = SpecRules.MAX_TAGS)
    @ValidationRule(value = "self.all(k, k.size() >= 1 && k.size() <= " + SpecRules.MAX_TAG_KEY + ")",
            message = SpecRules.TAG_KEY_LENGTH_MESSAGE, reason = "FieldValueInvalid")
    @ValidationRule(value = "self.all(k, !k.startsWith('" + SpecRules.AWS_TAG_PREFIX + "'))", message = SpecRules.AWS_TAG_MESSAGE,
            reason = "FieldValueForbidden")
    @ValidationRule(value = "self.all(k, !k.startsWith('" + GreetingApi.RESERVED_TAG_PREFIX + "'))",
            message = SpecRules.RESERVED_TAG_MESSAGE, reason = "FieldValueForbidden")
    @JsonPropertyDescription("Extra tags on the REST API (at most 50; values up to 256 characters).")
    private Map<String, @Size(max = SpecRules.MAX_TAG_VALUE) String> tags = new LinkedHashMap<>();

    public String getFunctionArn() { return functionArn; }
    public void setFunctionArn(String functionArn) { this.functionArn = functionArn; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getGreeterParameter() { return greeterParameter; }
    public void setGreeterParameter(String greeterParameter) { this.greeterParameter = greeterParameter; }
    public String getStage() { return stage; }
    public void setStage(String stage) { this.stage = stage; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getApiName() { return apiName; }
    public void setApiName(String apiName) { this.apiName = apiName; }
    public Boolean getGreeterRequired() { return greeterRequired; }
    public void setGreeterRequired(Boolean greeterRequired) { this.greeterRequired = greeterRequired; }
    public String getCredentialsRoleArn() { return credentialsRoleArn; }
    public void setCredentialsRoleArn(String credentialsRoleArn) { this.credentialsRoleArn = credentialsRoleArn; }
    public DeletionPolicy getDeletionPolicy() { return deletionPolicy; }
    public void setDeletionPolicy(DeletionPolicy deletionPolicy) { this.deletionPolicy = deletionPolicy; }
    public Boolean getServingCheck() { return servingCheck; }
    public void setServingCheck(Boolean servingCheck) { this.servingCheck = servingCheck; }
    public Map<String, String> getTags() { return tags; }
    public void setTags(Map<String, String> tags) { this.tags = tags; }
}
