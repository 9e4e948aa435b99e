package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PutIntegrationRequest;

class IntegrationOperationsTest extends ApiGatewayTestSupport {
    private static final String ROLE = "arn:aws:iam::123456789012:role/apigAwsProxyRole";

    private record Target(String apiId, String resourceId) {
        PutIntegrationRequest.Builder integration(PutIntegrationRequest.Builder b) {
            return b.restApiId(apiId).resourceId(resourceId).httpMethod("GET");
        }
    }

    private static Target newMethod() {
        String apiId = createApi("integrations");
        String resourceId = createResource(apiId, rootId(apiId), "greeting");
        apigw.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").authorizationType("NONE"));
        return new Target(apiId, resourceId);
    }

    @Test
    void putLambdaIntegrationAppliesAwsDefaults() {
        Target t = newMethod();
        var put = apigw.putIntegration(b -> t.integration(b).type(IntegrationType.AWS).integrationHttpMethod("POST")
                .uri(LAMBDA_URI).credentials(ROLE).requestTemplates(Map.of("application/json", "{\"greeter\":\"$input.params('greeter')\"}")));

        assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(put.type()).isEqualTo(IntegrationType.AWS);
        assertThat(put.httpMethod()).isEqualTo("POST");
        assertThat(put.uri()).isEqualTo(LAMBDA_URI);
        assertThat(put.credentials()).isEqualTo(ROLE);
        assertThat(put.passthroughBehavior()).isEqualTo("WHEN_NO_MATCH");
        assertThat(put.timeoutInMillis()).isEqualTo(29000);
        assertThat(put.cacheNamespace()).isEqualTo(t.resourceId);
        assertThat(put.cacheKeyParameters()).isEmpty();
        assertThat(put.requestTemplates()).containsOnlyKeys("application/json");
        var got = apigw.getIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET"));
        assertThat(got.uri()).isEqualTo(LAMBDA_URI);
        assertThat(apigw.getMethod(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET"))
                .methodIntegration().credentials()).isEqualTo(ROLE);
    }

    @Test
    void mockIntegrationNeedsNoTarget() {
        Target t = newMethod();
        var put = apigw.putIntegration(b -> t.integration(b).type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")).timeoutInMillis(1000));
        assertThat(put.httpMethod()).isNull();
        assertThat(put.timeoutInMillis()).isEqualTo(1000);
    }

    @Test
    void putIntegrationValidatesTheTarget() {
        Target t = newMethod();
        assertAwsError(() -> apigw.putIntegration(b -> t.integration(b).type(IntegrationType.AWS).uri(LAMBDA_URI)),
                BadRequestException.class, 400, "Enumeration value for HttpMethod must be non-empty");
        assertAwsError(() -> apigw.putIntegration(b -> t.integration(b).type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST")
                        .uri("arn:aws:lambda:us-east-1:123456789012:function:HelloWorld")),
                BadRequestException.class, 400, "Invalid ARN specified in the request");
        assertAwsError(() -> apigw.putIntegration(b -> t.integration(b).type(IntegrationType.AWS).integrationHttpMethod("POST")
                        .uri("arn:aws:apigateway:us-east-1:lambda:functions/x")),
                BadRequestException.class, 400, "AWS ARN for integration must contain path or action");
        assertAwsError(() -> apigw.putIntegration(b -> t.integration(b).type(IntegrationType.AWS).integrationHttpMethod("POST")
                        .uri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/HelloWorld/invocations")),
                BadRequestException.class, 400, "Invalid ARN specified in the request");
        assertAwsError(() -> apigw.putIntegration(b -> t.integration(b).type(IntegrationType.HTTP).integrationHttpMethod("GET")
                .uri("not a url")), BadRequestException.class, 400, "Invalid HTTP endpoint specified for URI");
        assertAwsError(() -> apigw.putIntegration(b -> t.integration(b).type(IntegrationType.MOCK).passthroughBehavior("SOMETIMES")),
                BadRequestException.class, 400,
                "Invalid passthrough behavior specified: SOMETIMES. Valid options are WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER");
        assertAwsError(() -> apigw.putIntegration(b -> t.integration(b).type(IntegrationType.MOCK).timeoutInMillis(30000)),
                BadRequestException.class, 400, "Timeout should be between 50 ms and 29000 ms");
        assertAwsErrorCode(() -> apigw.putIntegration(b -> t.integration(b).type("SOAP")), "ValidationException", 400);
        assertAwsErrorCode(() -> apigw.putIntegration(b -> t.integration(b)), "BadRequestException", 400);
        assertAwsError(() -> apigw.getIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")),
                NotFoundException.class, 404, "Invalid Integration identifier specified");
    }

    @Test
    void putIntegrationOnAMissingMethodIsNotFound() {
        Target t = newMethod();
        assertAwsError(() -> apigw.putIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("POST")
                .type(IntegrationType.MOCK)), NotFoundException.class, 404, "Invalid Method identifier specified");
    }

    @Test
    void updateIntegrationPatchesTargetAndTemplates() {
        Target t = newMethod();
        apigw.putIntegration(b -> t.integration(b).type(IntegrationType.AWS).integrationHttpMethod("POST").uri(LAMBDA_URI)
                .requestTemplates(Map.of("application/json", "old")));
        String otherUri = LAMBDA_URI.replace("HelloWorld", "Other");

        var updated = apigw.updateIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").patchOperations(
                replace("/requestTemplates/application~1json", "new"),
                patch(Op.ADD, "/requestTemplates/text~1plain", "plain"),
                replace("/uri", otherUri),
                replace("/credentials", ROLE),
                replace("/passthroughBehavior", "NEVER"),
                replace("/timeoutInMillis", "5000")));
        assertThat(updated.requestTemplates()).containsOnly(Map.entry("application/json", "new"), Map.entry("text/plain", "plain"));
        assertThat(updated.uri()).isEqualTo(otherUri);
        assertThat(updated.credentials()).isEqualTo(ROLE);
        assertThat(updated.passthroughBehavior()).isEqualTo("NEVER");
        assertThat(updated.timeoutInMillis()).isEqualTo(5000);

        var removed = apigw.updateIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").patchOperations(
                patch(Op.REMOVE, "/requestTemplates/text~1plain", null), patch(Op.REMOVE, "/credentials", null)));
        assertThat(removed.requestTemplates()).containsOnlyKeys("application/json");
        assertThat(removed.credentials()).isNull();

        assertAwsError(() -> apigw.updateIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .patchOperations(replace("/httpMethod", ""))), BadRequestException.class, 400,
                "Enumeration value for HttpMethod must be non-empty");
        assertAwsError(() -> apigw.updateIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .patchOperations(replace("/type", "MOCK"))), BadRequestException.class, 400, "Invalid patch path /type");
        assertThat(apigw.getIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")).httpMethod())
                .isEqualTo("POST");
    }

    @Test
    void putIntegrationReplacesTheWholeIntegration() {
        Target t = newMethod();
        apigw.putMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").statusCode("200"));
        apigw.putIntegration(b -> t.integration(b).type(IntegrationType.MOCK).requestTemplates(Map.of("application/json", "{}")));
        apigw.putIntegrationResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").statusCode("200"));

        var replaced = apigw.putIntegration(b -> t.integration(b).type(IntegrationType.AWS).integrationHttpMethod("POST")
                .uri(LAMBDA_URI));
        assertThat(replaced.type()).isEqualTo(IntegrationType.AWS);
        assertThat(replaced.hasRequestTemplates()).isFalse();
        assertThat(replaced.hasIntegrationResponses()).isFalse();
    }

    @Test
    void deleteIntegrationAnswers204() {
        Target t = newMethod();
        apigw.putIntegration(b -> t.integration(b).type(IntegrationType.MOCK));
        var deleted = apigw.deleteIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET"));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertAwsError(() -> apigw.deleteIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")),
                NotFoundException.class, 404, "Invalid Integration identifier specified");
    }

    @Test
    void integrationResponsesNeedTheIntegrationAndTheMethodResponse() {
        Target t = newMethod();
        assertAwsError(() -> apigw.putIntegrationResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("200")), NotFoundException.class, 404, "Invalid Integration identifier specified");
        apigw.putIntegration(b -> t.integration(b).type(IntegrationType.AWS).integrationHttpMethod("POST").uri(LAMBDA_URI));
        assertAwsError(() -> apigw.putIntegrationResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("200")), NotFoundException.class, 404, "Invalid Response status code specified");
        apigw.putMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").statusCode("200"));
        apigw.putMethodResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET").statusCode("400"));

        var ok = apigw.putIntegrationResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("200").selectionPattern(""));
        var failed = apigw.putIntegrationResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("400").selectionPattern(".*Missing.*")
                .responseTemplates(Map.of("application/json", "{\"error\":\"$input.path('$.errorMessage')\"}")));
        assertThat(ok.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(ok.selectionPattern()).isEmpty();
        assertThat(failed.responseTemplates()).containsOnlyKeys("application/json");
        assertThat(apigw.getIntegration(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET"))
                .integrationResponses()).containsOnlyKeys("200", "400");

        var updated = apigw.updateIntegrationResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("400").patchOperations(replace("/selectionPattern", ".*Invalid.*"),
                        patch(Op.ADD, "/responseTemplates/text~1plain", "bad")));
        assertThat(updated.selectionPattern()).isEqualTo(".*Invalid.*");
        assertThat(updated.responseTemplates()).containsKeys("application/json", "text/plain");
        assertThat(apigw.getIntegrationResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("400")).selectionPattern()).isEqualTo(".*Invalid.*");

        var deleted = apigw.deleteIntegrationResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("400"));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertAwsError(() -> apigw.getIntegrationResponse(b -> b.restApiId(t.apiId).resourceId(t.resourceId).httpMethod("GET")
                .statusCode("400")), NotFoundException.class, 404, "Invalid Response status code specified");
    }
}
