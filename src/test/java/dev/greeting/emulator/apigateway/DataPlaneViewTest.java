package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.emulator.apigateway.model.ApiSnapshot;
import dev.greeting.emulator.apigateway.model.DeployedStage;
import dev.greeting.emulator.apigateway.model.Method;
import dev.greeting.emulator.apigateway.model.Resource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;

/** The Java API the data plane reads: a stage serves its deployment's snapshot, not the live configuration. */
class DataPlaneViewTest extends ApiGatewayTestSupport {

    @Test
    void aDeployedStageKeepsServingItsSnapshotWhileTheApiChanges() {
        String apiId = createApi("snapshot");
        String greeting = createResource(apiId, rootId(apiId), "greeting");
        createLambdaGet(apiId, greeting);
        String validatorId = apigw.createRequestValidator(b -> b.restApiId(apiId).name("params")
                .validateRequestParameters(true)).id();
        apigw.updateMethod(b -> b.restApiId(apiId).resourceId(greeting).httpMethod("GET")
                .patchOperations(replace("/requestValidatorId", validatorId)));
        String deploymentId = apigw.createDeployment(b -> b.restApiId(apiId).stageName("test")
                .variables(Map.of("alias", "live"))).id();

        // every kind of change after the deployment
        apigw.updateIntegration(b -> b.restApiId(apiId).resourceId(greeting).httpMethod("GET").patchOperations(
                replace("/requestTemplates/application~1json", "{}"), replace("/uri", LAMBDA_URI.replace("HelloWorld", "Other"))));
        apigw.updateIntegrationResponse(b -> b.restApiId(apiId).resourceId(greeting).httpMethod("GET").statusCode("200")
                .patchOperations(replace("/selectionPattern", "changed")));
        apigw.updateMethod(b -> b.restApiId(apiId).resourceId(greeting).httpMethod("GET").patchOperations(
                patch(Op.REMOVE, "/requestParameters/method.request.querystring.greeter", null)));
        apigw.updateRequestValidator(b -> b.restApiId(apiId).requestValidatorId(validatorId)
                .patchOperations(replace("/validateRequestParameters", "false")));
        apigw.updateResource(b -> b.restApiId(apiId).resourceId(greeting).patchOperations(replace("/pathPart", "hello")));
        String extra = createResource(apiId, rootId(apiId), "extra");
        apigw.putMethod(b -> b.restApiId(apiId).resourceId(extra).httpMethod("POST").authorizationType("NONE"));

        DeployedStage deployed = emulator.apiGateway().deployedStage(apiId, "test").orElseThrow();
        assertThat(deployed.region()).isEqualTo("us-west-2");
        assertThat(deployed.restApiId()).isEqualTo(apiId);
        assertThat(deployed.stageName()).isEqualTo("test");
        assertThat(deployed.deployment().id()).isEqualTo(deploymentId);
        assertThat(deployed.variables()).containsExactly(Map.entry("alias", "live"));
        assertThat(deployed.resources()).extracting(Resource::path).containsExactly("/", "/greeting");
        Method get = deployed.snapshot().resourceByPath("/greeting").orElseThrow().method("GET").orElseThrow();
        assertThat(get.requestParameters()).containsExactly(Map.entry("method.request.querystring.greeter", false));
        assertThat(get.methodIntegration().uri()).isEqualTo(LAMBDA_URI);
        assertThat(get.methodIntegration().requestTemplates().get("application/json")).contains("$input.params('greeter')");
        assertThat(get.methodIntegration().integrationResponse("200").orElseThrow().selectionPattern()).isEmpty();
        assertThat(deployed.snapshot().requestValidator(get.requestValidatorId()).orElseThrow().validateRequestParameters())
                .isTrue();

        ApiSnapshot live = emulator.apiGateway().liveConfiguration("us-west-2", apiId).orElseThrow();
        assertThat(live.resources()).extracting(Resource::path).containsExactly("/", "/extra", "/hello");
        assertThat(live.resourceById(greeting).orElseThrow().method("GET").orElseThrow().methodIntegration().uri())
                .contains("Other");

        apigw.putIntegration(b -> b.restApiId(apiId).resourceId(extra).httpMethod("POST").type(IntegrationType.MOCK));
        apigw.createDeployment(b -> b.restApiId(apiId).stageName("test"));
        DeployedStage redeployed = emulator.apiGateway().deployedStage(apiId, "test").orElseThrow();
        assertThat(redeployed.resources()).extracting(Resource::path).containsExactly("/", "/extra", "/hello");
        assertThat(deployed.resources()).extracting(Resource::path).containsExactly("/", "/greeting");
    }

    @Test
    void findRestApiSearchesEveryRegion() {
        try (var tokyo = client(Region.AP_NORTHEAST_1)) {
            String apiId = tokyo.createRestApi(b -> b.name("far away")).id();
            var found = emulator.apiGateway().findRestApi(apiId).orElseThrow();
            assertThat(found.region()).isEqualTo("ap-northeast-1");
            assertThat(found.restApi().name()).isEqualTo("far away");
            assertThat(emulator.apiGateway().liveConfiguration("us-west-2", apiId)).isEmpty();
            assertThat(emulator.apiGateway().liveConfiguration("ap-northeast-1", apiId)).isPresent();
        }
    }

    @Test
    void unknownApisStagesAndDeletedApisAreEmpty() {
        assertThat(emulator.apiGateway().findRestApi("nonexistent")).isEmpty();
        String apiId = createApi("short-lived");
        createLambdaGet(apiId, createResource(apiId, rootId(apiId), "greeting"));
        apigw.createDeployment(b -> b.restApiId(apiId).stageName("test"));
        assertThat(emulator.apiGateway().deployedStage(apiId, "test")).isPresent();
        assertThat(emulator.apiGateway().deployedStage(apiId, "prod")).isEmpty();

        apigw.deleteRestApi(b -> b.restApiId(apiId));
        assertThat(emulator.apiGateway().deployedStage(apiId, "test")).isEmpty();
        assertThat(emulator.apiGateway().findRestApi(apiId)).isEmpty();
    }

    @Test
    void everyOperationIsCountedUnderItsAwsName() {
        long before = emulator.counters().calls("CreateRestApi");
        String apiId = createApi("counted");
        apigw.getResources(b -> b.restApiId(apiId).embed("methods"));
        assertThat(emulator.counters().calls("CreateRestApi")).isEqualTo(before + 1);
        assertThat(emulator.counters().calls("GetResources")).isPositive();
        assertThat(emulator.router().operations()).contains("CreateRestApi", "GetResources", "PutMethod",
                "PutIntegrationResponse", "CreateDeployment", "UpdateStage", "TagResource", "UntagResource", "GetTags");
    }
}
