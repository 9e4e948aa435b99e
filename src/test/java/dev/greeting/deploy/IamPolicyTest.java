package dev.greeting.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deploy/iam-policy.json is valid IAM policy grammar, allows every call the operator makes
 * (API Gateway's IAM action is the HTTP method, its resource the management path) and
 * nothing of API Gateway, Lambda or IAM beyond them.
 */
class IamPolicyTest {
    private static final String API = "arn:aws:apigateway:us-west-2::";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld";

    private static String json;
    private static IamPolicy policy;

    @BeforeAll
    static void load() throws IOException {
        json = Files.readString(ProjectFiles.deploy().resolve("iam-policy.json"));
        ObjectMapper strict = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
        policy = new IamPolicy(strict.readTree(json));
    }

    @Test
    void isAValidIdentityPolicy() {
        assertThat(policy.grammarErrors()).isEmpty();
        assertThat(IamPolicy.size(json)).as("IAM's managed policy limit").isLessThanOrEqualTo(6144);
    }

    /** Every API Gateway operation the operator calls: operation, HTTP method, request URI (service model). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "CreateRestApi, POST, /restapis",
        "GetRestApis, GET, /restapis",
        "GetRestApi, GET, /restapis/a1b2c3d4e5",
        "UpdateRestApi, PATCH, /restapis/a1b2c3d4e5",
        "DeleteRestApi, DELETE, /restapis/a1b2c3d4e5",
        "GetResources, GET, /restapis/a1b2c3d4e5/resources",
        "CreateResource, POST, /restapis/a1b2c3d4e5/resources/r00tid",
        "DeleteResource, DELETE, /restapis/a1b2c3d4e5/resources/2jf6xt",
        "PutMethod, PUT, /restapis/a1b2c3d4e5/resources/2jf6xt/methods/GET",
        "UpdateMethod, PATCH, /restapis/a1b2c3d4e5/resources/2jf6xt/methods/GET",
        "DeleteMethod, DELETE, /restapis/a1b2c3d4e5/resources/2jf6xt/methods/GET",
        "TestInvokeMethod, POST, /restapis/a1b2c3d4e5/resources/2jf6xt/methods/GET",
        "PutMethodResponse, PUT, /restapis/a1b2c3d4e5/resources/2jf6xt/methods/GET/responses/200",
        "PutIntegration, PUT, /restapis/a1b2c3d4e5/resources/2jf6xt/methods/GET/integration",
        "UpdateIntegration, PATCH, /restapis/a1b2c3d4e5/resources/2jf6xt/methods/GET/integration",
        "PutIntegrationResponse, PUT, /restapis/a1b2c3d4e5/resources/2jf6xt/methods/GET/integration/responses/200",
        "CreateRequestValidator, POST, /restapis/a1b2c3d4e5/requestvalidators",
        "GetRequestValidators, GET, /restapis/a1b2c3d4e5/requestvalidators",
        "CreateDeployment, POST, /restapis/a1b2c3d4e5/deployments",
        "GetDeployments, GET, /restapis/a1b2c3d4e5/deployments",
        "DeleteDeployment, DELETE, /restapis/a1b2c3d4e5/deployments/x1y2z3",
        "CreateStage, POST, /restapis/a1b2c3d4e5/stages",
        "GetStage, GET, /restapis/a1b2c3d4e5/stages/test",
        "UpdateStage, PATCH, /restapis/a1b2c3d4e5/stages/test",
        "DeleteStage, DELETE, /restapis/a1b2c3d4e5/stages/test",
    })
    void allowsApiGatewayOperation(String operation, String method, String path) {
        assertThat(policy.allows("apigateway:" + method, API + path)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TagResource, PUT", "UntagResource, DELETE", "GetTags, GET"})
    void allowsTaggingTheRestApi(String operation, String method) {
        // The tags API addresses the tagged object by its ARN, URL-encoded in the path.
        String restApiArn = URLEncoder.encode(API + "/restapis/a1b2c3d4e5", StandardCharsets.UTF_8);
        assertThat(policy.allows("apigateway:" + method, API + "/tags/" + restApiArn)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"AddPermission", "RemovePermission", "GetPolicy"})
    void allowsManagingTheFunctionsResourcePolicy(String action) {
        assertThat(policy.allows("lambda:" + action, FUNCTION)).isTrue();
        assertThat(policy.allows("lambda:" + action, FUNCTION + ":live")).as("alias-qualified ARN").isTrue();
    }

    @Test
    void allowsPassingARoleToApiGatewayOnly() {
        String role = "arn:aws:iam::123456789012:role/apigAwsProxyRole";
        assertThat(policy.allows("iam:PassRole", role, Map.of("iam:PassedToService", "apigateway.amazonaws.com")))
            .isTrue();
        assertThat(policy.allows("iam:PassRole", role, Map.of("iam:PassedToService", "lambda.amazonaws.com")))
            .isFalse();
        assertThat(policy.allows("iam:PassRole", role)).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "apigateway:PATCH, /account",
        "apigateway:POST, /apikeys",
        "apigateway:POST, /usageplans",
        "apigateway:POST, /domainnames",
        "apigateway:POST, /vpclinks",
        "apigateway:POST, /clientcertificates",
        "apigateway:DELETE, /restapis",
        "apigateway:POST, /tags/anything",
        "apigateway:GET, /apis",
    })
    void deniesTheRestOfApiGateway(String action, String path) {
        assertThat(policy.allows(action, API + path)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lambda:InvokeFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
        "lambda:DeleteFunction", "lambda:CreateFunction", "lambda:GetFunction",
    })
    void deniesEverythingElseOnTheFunction(String action) {
        assertThat(policy.allows(action, FUNCTION)).isFalse();
    }

    @Test
    void deniesOtherServicesAndIamWrites() {
        for (String action : List.of("iam:CreateRole", "iam:AttachRolePolicy", "sts:AssumeRole", "execute-api:Invoke")) {
            assertThat(policy.allows(action, "arn:aws:iam::123456789012:role/admin")).as(action).isFalse();
        }
        assertThat(policy.allows("lambda:AddPermission", "arn:aws:lambda:us-east-1:123456789012:layer:x"))
            .as("layers are not functions").isFalse();
    }

    @Test
    void grammarCheckRejectsWhatIamWouldRejectOrThisProjectForbids() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode bad = mapper.readTree("""
            {"Version": "2008-10-17", "Statement": [
              {"Sid": "a-b", "Effect": "Allow", "Action": "apigateway:*", "Resource": "*"},
              {"Effect": "Deny", "Principal": "*", "Action": ["s3"], "Resource": ["arn:aws:s3:::b"],
               "Condition": {"StringLike": {"aws:x": "y"}}}]}""");
        List<String> errors = new IamPolicy(bad).grammarErrors();
        assertThat(String.join("\n", errors)).contains(
            "Version must be 2012-10-17", "Sid must be alphanumeric", "apigateway:* is not service:Action",
            "resource * is not an ARN", "Effect must be Allow", "key Principal is not allowed",
            "action s3 is not", "StringLike is not evaluated");
    }
}
