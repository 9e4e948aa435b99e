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
 * The annotations become the CRD's admission rules (OpenAPI schema and CEL); the reconciler still
 * treats whatever slips through as a terminal spec error rather than trusting them blindly.
 * CEL rules use only what the API server offers: standard CEL plus the Kubernetes strings library.
 */
@ValidationRule(value = "!has(self.region) || ((self.region.startsWith('cn-') == self.functionArn.startsWith('arn:aws-cn:'))"
        + " && (self.region.startsWith('us-gov-') == self.functionArn.startsWith('arn:aws-us-gov:')))",
        message = "region must be in the same AWS partition as functionArn (aws-cn: cn-* regions, aws-us-gov: us-gov-* regions)",
        fieldPath = ".region", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.credentialsRoleArn) || self.credentialsRoleArn.split(':')[1] == self.functionArn.split(':')[1]",
        message = "credentialsRoleArn must be in the same AWS partition as functionArn",
        fieldPath = ".credentialsRoleArn", reason = "FieldValueInvalid")
public class GreetingApiSpec {
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
    /**
     * The parameter name lands inside $input.params('...') in a VTL mapping template and in
     * method.request.querystring.NAME: letters, digits, '_', '.', '-' only, so it cannot close the
     * quote, start a VTL reference ($) or directive (#), or escape anything.
     */
    public static final String PARAMETER_PATTERN = "^[A-Za-z][A-Za-z0-9_.-]{0,127}$";
    /** API names are free text; control characters are refused. */
    public static final String API_NAME_PATTERN = "^[^\\x00-\\x1F\\x7F]*$";
    public static final int MAX_TAGS = 50;
    public static final String DEFAULT_GREETER_PARAMETER = "greeter";

    @Required
    @Size(max = 256) // bounds the API server's cost estimate of the CEL rules that read it
    @Pattern(FUNCTION_ARN_PATTERN)
    @JsonPropertyDescription("ARN of the Lambda function the GET method invokes, optionally qualified (:version or :alias).")
    private String functionArn;

    @Required
    @Size(max = 1024)
    @Pattern(PATH_PATTERN)
    @ValidationRule(value = "!self.matches('(^|/)[.][.]?(/|$)')", message = "path parts '.' and '..' are not allowed",
            reason = "FieldValueInvalid")
    @JsonPropertyDescription("Resource path under the API root, one or more parts: 'greeting', 'v1/greeting'.")
    private String path;

    @Default(DEFAULT_GREETER_PARAMETER)
    @Pattern(PARAMETER_PATTERN)
    @JsonPropertyDescription("Name of the query-string parameter passed to the function as 'greeter'.")
    private String greeterParameter = DEFAULT_GREETER_PARAMETER;

    @Required
    @Pattern(STAGE_PATTERN)
    @JsonPropertyDescription("Stage the API is deployed to; renaming it moves the deployment and removes the old stage.")
    private String stage;

    @Size(max = 32)
    @Pattern(REGION_PATTERN)
    @JsonPropertyDescription("Region of the REST API; default: the operator's AWS region.")
    private String region;

    @Size(min = 1, max = 128)
    @Pattern(API_NAME_PATTERN)
    @JsonPropertyDescription("Name of the REST API; default: <namespace>-<name>.")
    private String apiName;

    @Default("false")
    @JsonPropertyDescription("true: API Gateway rejects a request without the parameter (400).")
    private Boolean greeterRequired = false;

    @Size(max = 2048)
    @Pattern(ROLE_ARN_PATTERN)
    @JsonPropertyDescription("Role API Gateway assumes to invoke the function; absent: the operator manages a Lambda permission instead.")
    private String credentialsRoleArn;

    @Default("Delete")
    @JsonPropertyDescription("Delete: remove the REST API and the Lambda permission with the resource; Retain: keep them.")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

    @Size(max = MAX_TAGS)
    @ValidationRule(value = "self.all(k, k.size() >= 1 && k.size() <= 128)", message = "tag keys must be 1 to 128 characters long",
            reason = "FieldValueInvalid")
    @ValidationRule(value = "self.all(k, !k.startsWith('aws:'))", message = "tag keys must not start with 'aws:' (reserved by AWS)",
            reason = "FieldValueForbidden")
    @ValidationRule(value = "self.all(k, !k.startsWith('greeting.dev/'))",
            message = "tag keys starting with 'greeting.dev/' are reserved for the operator", reason = "FieldValueForbidden")
    @JsonPropertyDescription("Extra tags on the REST API (at most 50; values up to 256 characters).")
    private Map<String, @Size(max = 256) String> tags = new LinkedHashMap<>();

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
    public Map<String, String> getTags() { return tags; }
    public void setTags(Map<String, String> tags) { this.tags = tags; }
}
