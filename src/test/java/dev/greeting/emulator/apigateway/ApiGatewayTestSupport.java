package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.emulator.Emulator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/** One emulator per test class, the real SDK client against it, and the calls most tests start with. */
abstract class ApiGatewayTestSupport {
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld";
    static final String LAMBDA_URI =
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + FUNCTION_ARN + "/invocations";

    static Emulator emulator;
    static ApiGatewayClient apigw;

    @BeforeAll
    static void startEmulator() {
        emulator = Emulator.start();
        apigw = client(Region.US_WEST_2);
    }

    @AfterAll
    static void stopEmulator() {
        apigw.close();
        emulator.close();
    }

    static ApiGatewayClient client(Region region) {
        return ApiGatewayClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    static String createApi(String name) {
        return apigw.createRestApi(b -> b.name(name)).id();
    }

    static String rootId(String apiId) {
        return apigw.getRestApi(b -> b.restApiId(apiId)).rootResourceId();
    }

    static String createResource(String apiId, String parentId, String pathPart) {
        return apigw.createResource(b -> b.restApiId(apiId).parentId(parentId).pathPart(pathPart)).id();
    }

    /** GET with a 200 method response, a Lambda integration and its default integration response: the recipe's steps 3-6. */
    static void createLambdaGet(String apiId, String resourceId) {
        apigw.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").authorizationType("NONE")
                .requestParameters(java.util.Map.of("method.request.querystring.greeter", false)));
        apigw.putMethodResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").statusCode("200"));
        apigw.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET")
                .type(IntegrationType.AWS).integrationHttpMethod("POST").uri(LAMBDA_URI)
                .requestTemplates(java.util.Map.of("application/json", "{\"greeter\":\"$input.params('greeter')\"}")));
        apigw.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET")
                .statusCode("200").selectionPattern(""));
    }

    static PatchOperation patch(Op op, String path, String value) {
        return PatchOperation.builder().op(op).path(path).value(value).build();
    }

    static PatchOperation replace(String path, String value) {
        return patch(Op.REPLACE, path, value);
    }

    /** Asserts the call fails as AWS would: exception class (error code), HTTP status and exact message. */
    static void assertAwsError(ThrowingCallable call, Class<? extends ApiGatewayException> type, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    /** For error codes the SDK has no class for (ValidationException, SerializationException). */
    static void assertAwsErrorCode(ThrowingCallable call, String errorCode, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiGatewayException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}
