package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;

class MethodOperationsTest extends ApiGatewayTestSupport {

    private record Target(String apiId, String resourceId) {}

    private static Target newResource() {
        String apiId = createApi("methods");
        return new Target(apiId, createResource(apiId, rootId(apiId), "greeting"));
    }

    @Test
    void putMethodCreatesAndGetMethodReadsIt() {
        Target t = newResource();
        var put = apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .authorizationType("NONE").operationName("Greet")
                .requestParameters(Map.of("method.request.querystring.greeter", true)));

        assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(put.httpMethod()).isEqualTo("GET");
        assertThat(put.authorizationType()).isEqualTo("NONE");
        assertThat(put.apiKeyRequired()).isFalse();
        assertThat(put.requestParameters()).containsExactly(Map.entry("method.request.querystring.greeter", true));
        var got = apigw.getMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET"));
        assertThat(got.operationName()).isEqualTo("Greet");
        assertThat(got.requestParameters()).containsExactly(Map.entry("method.request.querystring.greeter", true));
        assertThat(got.methodIntegration()).isNull();
    }

    @Test
    void putMethodOnAnExistingMethodIsAConflict() {
        Target t = newResource();
        apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").authorizationType("NONE"));
        assertAwsError(() -> apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .authorizationType("AWS_IAM")), ConflictException.class, 409, "Method already exists for this resource");
        assertThat(apigw.getMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET"))
                .authorizationType()).isEqualTo("NONE");
    }

    @Test
    void putMethodValidatesItsInput() {
        Target t = newResource();
        assertAwsErrorCode(() -> apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")),
                "BadRequestException", 400);
        assertAwsError(() -> apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("FETCH")
                        .authorizationType("NONE")), BadRequestException.class, 400,
                "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
        assertAwsError(() -> apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                        .authorizationType("NONE").requestValidatorId("nope00")), BadRequestException.class, 400,
                "Invalid Request Validator identifier specified");
        assertAwsError(() -> apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                        .authorizationType("NONE").requestParameters(Map.of(
                                "method.request.querystring.id", true, "method.request.header.id", false))),
                BadRequestException.class, 400, "Parameter names must be unique across querystring, header and path");
        assertAwsError(() -> apigw.putMethod(b -> b.restApiId(t.apiId).resourceId("nope00").httpMethod("GET")
                .authorizationType("NONE")), NotFoundException.class, 404, "Invalid Resource identifier specified");
        assertAwsError(() -> apigw.putMethod(b -> b.restApiId("nonexistent").resourceId(t.resourceId).httpMethod("GET")
                .authorizationType("NONE")), NotFoundException.class, 404, "Invalid Resource identifier specified");
    }

    @Test
    void updateMethodPatchesTheMethodRequest() {
        Target t = newResource();
        String validatorId = apigw.createRequestValidator(b -> b.restApiId(t.apiId).name("params")
                .validateRequestParameters(true)).id();
        createLambdaGet(t.apiId, t.resourceId);

        var updated = apigw.updateMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").patchOperations(
                patch(Op.REPLACE, "/requestParameters/method.request.querystring.greeter", "true"),
                patch(Op.ADD, "/requestParameters/method.request.querystring.lang", "false"),
                replace("/authorizationType", "AWS_IAM"),
                replace("/apiKeyRequired", "true"),
                replace("/operationName", "Greet"),
                replace("/requestValidatorId", validatorId)));

        assertThat(updated.requestParameters()).containsOnly(
                Map.entry("method.request.querystring.greeter", true), Map.entry("method.request.querystring.lang", false));
        assertThat(updated.authorizationType()).isEqualTo("AWS_IAM");
        assertThat(updated.apiKeyRequired()).isTrue();
        assertThat(updated.operationName()).isEqualTo("Greet");
        assertThat(updated.requestValidatorId()).isEqualTo(validatorId);
        assertThat(updated.methodIntegration().uri()).isEqualTo(LAMBDA_URI);
        assertThat(updated.methodResponses()).containsOnlyKeys("200");

        var removed = apigw.updateMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").patchOperations(
                patch(Op.REMOVE, "/requestParameters/method.request.querystring.lang", null),
                replace("/requestValidatorId", "")));
        assertThat(removed.requestParameters()).containsOnlyKeys("method.request.querystring.greeter");
        assertThat(removed.requestValidatorId()).isNull();
    }

    @Test
    void updateMethodRejectsWhatAwsRejects() {
        Target t = newResource();
        apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").authorizationType("NONE"));
        assertAwsError(() -> apigw.updateMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .patchOperations(replace("/httpMethod", "POST"))), BadRequestException.class, 400, "Invalid patch path /httpMethod");
        assertAwsError(() -> apigw.updateMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .patchOperations(replace("/requestValidatorId", "nope00"))), BadRequestException.class, 400,
                "Invalid Request Validator identifier specified");
        assertAwsError(() -> apigw.updateMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("POST")
                .patchOperations(replace("/operationName", "x"))), NotFoundException.class, 404, "Invalid Method identifier specified");
    }

    @Test
    void deleteMethodAnswers204() {
        Target t = newResource();
        apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("ANY").authorizationType("NONE"));
        var deleted = apigw.deleteMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("ANY"));

        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertAwsError(() -> apigw.getMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("ANY")),
                NotFoundException.class, 404, "Invalid Method identifier specified");
        assertAwsError(() -> apigw.deleteMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("ANY")),
                NotFoundException.class, 404, "Invalid Method identifier specified");
    }

    @Test
    void methodResponsesLifecycle() {
        Target t = newResource();
        apigw.putMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").authorizationType("NONE"));
        var put = apigw.putMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("200").responseModels(Map.of("application/json", "Empty")));
        assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(put.statusCode()).isEqualTo("200");
        assertThat(put.responseModels()).containsExactly(Map.entry("application/json", "Empty"));

        var updated = apigw.updateMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("200").patchOperations(patch(Op.ADD, "/responseParameters/method.response.header.X-Greeting", "true")));
        assertThat(updated.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(updated.responseParameters()).containsExactly(Map.entry("method.response.header.X-Greeting", true));
        assertThat(apigw.getMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("200")).responseParameters()).containsKey("method.response.header.X-Greeting");
        assertAwsError(() -> apigw.updateMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                        .statusCode("200").patchOperations(patch(Op.REMOVE, "/responseParameters/method.response.header.Nope", null))),
                NotFoundException.class, 404, "Invalid parameter name specified");

        var deleted = apigw.deleteMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").statusCode("200"));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertAwsError(() -> apigw.getMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("200")), NotFoundException.class, 404, "Invalid Response status code specified");
        assertAwsErrorCode(() -> apigw.putMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("2000")), "ValidationException", 400);
        assertAwsError(() -> apigw.putMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("PUT")
                .statusCode("200")), NotFoundException.class, 404, "Invalid Method identifier specified");
    }
}
