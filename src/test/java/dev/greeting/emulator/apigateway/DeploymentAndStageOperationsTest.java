package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.GetDeploymentsResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.Stage;

class DeploymentAndStageOperationsTest extends ApiGatewayTestSupport {

    /** An API ready to deploy: /greeting GET with a Lambda integration. */
    private static String deployableApi() {
        String apiId = createApi("deployable");
        createLambdaGet(apiId, createResource(apiId, rootId(apiId), "greeting"));
        return apiId;
    }

    @Test
    void createDeploymentRefusesAnApiWithoutMethodsOrWithoutIntegrations() {
        String apiId = createApi("empty");
        assertAwsError(() -> apigw.createDeployment(b -> b.restApiId(apiId).stageName("test")), BadRequestException.class, 400,
                "The REST API doesn't contain any methods");
        String resourceId = createResource(apiId, rootId(apiId), "greeting");
        apigw.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").authorizationType("NONE"));
        assertAwsError(() -> apigw.createDeployment(b -> b.restApiId(apiId).stageName("test")), BadRequestException.class, 400,
                "No integration defined for method");
        assertThat(apigw.getStages(b -> b.restApiId(apiId)).item()).isEmpty();
        assertAwsError(() -> apigw.createDeployment(b -> b.restApiId("nonexistent")), NotFoundException.class, 404,
                "Invalid API identifier specified 123456789012:nonexistent");
    }

    @Test
    void createDeploymentWithAStageNameCreatesThenRepointsTheStage() {
        String apiId = deployableApi();
        var first = apigw.createDeployment(b -> b.restApiId(apiId).stageName("test").description("first")
                .stageDescription("testing").variables(Map.of("alias", "live")));
        assertThat(first.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(first.id()).matches("[a-z0-9]{6}");
        assertThat(first.description()).isEqualTo("first");

        var stage = apigw.getStage(b -> b.restApiId(apiId).stageName("test"));
        assertThat(stage.deploymentId()).isEqualTo(first.id());
        assertThat(stage.description()).isEqualTo("testing");
        assertThat(stage.variables()).containsExactly(Map.entry("alias", "live"));
        assertThat(stage.cacheClusterEnabled()).isFalse();
        assertThat(stage.cacheClusterStatusAsString()).isEqualTo("NOT_AVAILABLE");
        assertThat(stage.methodSettings()).isEmpty();
        assertThat(stage.tracingEnabled()).isFalse();
        assertThat(stage.createdDate()).isNotNull();
        assertThat(stage.lastUpdatedDate()).isNotNull();

        var second = apigw.createDeployment(b -> b.restApiId(apiId).stageName("test"));
        var repointed = apigw.getStage(b -> b.restApiId(apiId).stageName("test"));
        assertThat(repointed.deploymentId()).isEqualTo(second.id());
        assertThat(repointed.variables()).containsExactly(Map.entry("alias", "live"));
        assertThat(apigw.getStages(b -> b.restApiId(apiId)).item()).hasSize(1);
    }

    @Test
    void getDeploymentsPagesAndGetDeploymentEmbedsTheApiSummary() {
        String apiId = deployableApi();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(apigw.createDeployment(b -> b.restApiId(apiId)).id());
        }
        List<String> seen = new ArrayList<>();
        String position = null;
        do {
            String from = position;
            GetDeploymentsResponse page = apigw.getDeployments(b -> b.restApiId(apiId).limit(2).position(from));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(d -> seen.add(d.id()));
            position = page.position();
        } while (position != null);
        assertThat(seen).containsExactlyElementsOf(created);

        var plain = apigw.getDeployment(b -> b.restApiId(apiId).deploymentId(created.get(0)));
        assertThat(plain.hasApiSummary()).isFalse();
        var summarised = apigw.getDeployment(b -> b.restApiId(apiId).deploymentId(created.get(0)).embed("apisummary"));
        assertThat(summarised.apiSummary()).containsOnlyKeys("/greeting");
        assertThat(summarised.apiSummary().get("/greeting").get("GET").authorizationType()).isEqualTo("NONE");
        assertThat(summarised.apiSummary().get("/greeting").get("GET").apiKeyRequired()).isFalse();
        assertAwsError(() -> apigw.getDeployment(b -> b.restApiId(apiId).deploymentId("nope00")), NotFoundException.class, 404,
                "Invalid Deployment identifier specified");
    }

    @Test
    void updateDeploymentChangesTheDescription() {
        String apiId = deployableApi();
        String id = apigw.createDeployment(b -> b.restApiId(apiId).description("old")).id();
        var updated = apigw.updateDeployment(b -> b.restApiId(apiId).deploymentId(id)
                .patchOperations(replace("/description", "new")));
        assertThat(updated.description()).isEqualTo("new");
        assertThat(apigw.getDeployment(b -> b.restApiId(apiId).deploymentId(id)).description()).isEqualTo("new");
        assertAwsError(() -> apigw.updateDeployment(b -> b.restApiId(apiId).deploymentId(id)
                .patchOperations(replace("/id", "x"))), BadRequestException.class, 400, "Invalid patch path /id");
    }

    @Test
    void aDeploymentInUseByAStageCannotBeDeleted() {
        String apiId = deployableApi();
        String old = apigw.createDeployment(b -> b.restApiId(apiId).stageName("test")).id();
        assertAwsError(() -> apigw.deleteDeployment(b -> b.restApiId(apiId).deploymentId(old)), BadRequestException.class, 400,
                "Active stages pointing to this deployment must be moved or deleted");

        apigw.createDeployment(b -> b.restApiId(apiId).stageName("test"));
        var deleted = apigw.deleteDeployment(b -> b.restApiId(apiId).deploymentId(old));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertAwsError(() -> apigw.getDeployment(b -> b.restApiId(apiId).deploymentId(old)), NotFoundException.class, 404,
                "Invalid Deployment identifier specified");
    }

    @Test
    void createStageNeedsAnExistingDeploymentAndAFreshName() {
        String apiId = deployableApi();
        String deploymentId = apigw.createDeployment(b -> b.restApiId(apiId)).id();
        var created = apigw.createStage(b -> b.restApiId(apiId).stageName("prod").deploymentId(deploymentId)
                .description("production").variables(Map.of("fn", "HelloWorld")).tags(Map.of("env", "prod")));
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.stageName()).isEqualTo("prod");
        assertThat(created.deploymentId()).isEqualTo(deploymentId);
        assertThat(created.tags()).containsExactly(Map.entry("env", "prod"));

        assertAwsError(() -> apigw.createStage(b -> b.restApiId(apiId).stageName("prod").deploymentId(deploymentId)),
                ConflictException.class, 409, "Stage already exists");
        assertAwsError(() -> apigw.createStage(b -> b.restApiId(apiId).stageName("beta").deploymentId("nope00")),
                NotFoundException.class, 404, "Invalid Deployment identifier specified");
        assertAwsErrorCode(() -> apigw.createStage(b -> b.restApiId(apiId).stageName("beta")), "BadRequestException", 400);
        assertAwsError(() -> apigw.createStage(b -> b.restApiId(apiId).stageName("be ta").deploymentId(deploymentId)),
                BadRequestException.class, 400, "Stage name only allows a-zA-Z0-9_-");
    }

    @Test
    void getStagesListsAllOrThoseOfOneDeployment() {
        String apiId = deployableApi();
        String d1 = apigw.createDeployment(b -> b.restApiId(apiId).stageName("one")).id();
        String d2 = apigw.createDeployment(b -> b.restApiId(apiId).stageName("two")).id();

        assertThat(apigw.getStages(b -> b.restApiId(apiId)).item()).extracting(Stage::stageName).containsExactly("one", "two");
        assertThat(apigw.getStages(b -> b.restApiId(apiId).deploymentId(d1)).item()).extracting(Stage::stageName)
                .containsExactly("one");
        assertThat(apigw.getStages(b -> b.restApiId(apiId).deploymentId(d2)).item()).extracting(Stage::deploymentId)
                .containsExactly(d2);
    }

    @Test
    void updateStagePatchesDeploymentDescriptionVariablesAndTracing() {
        String apiId = deployableApi();
        String d1 = apigw.createDeployment(b -> b.restApiId(apiId).stageName("test").variables(Map.of("a", "1"))).id();
        String d2 = apigw.createDeployment(b -> b.restApiId(apiId)).id();

        var updated = apigw.updateStage(b -> b.restApiId(apiId).stageName("test").patchOperations(
                replace("/deploymentId", d2),
                replace("/description", "moved"),
                patch(Op.ADD, "/variables/b", "2"),
                patch(Op.REMOVE, "/variables/a", null),
                replace("/tracingEnabled", "true")));
        assertThat(updated.deploymentId()).isEqualTo(d2);
        assertThat(updated.description()).isEqualTo("moved");
        assertThat(updated.variables()).containsExactly(Map.entry("b", "2"));
        assertThat(updated.tracingEnabled()).isTrue();
        assertThat(updated.lastUpdatedDate()).isAfterOrEqualTo(updated.createdDate());

        assertAwsError(() -> apigw.updateStage(b -> b.restApiId(apiId).stageName("test")
                .patchOperations(replace("/deploymentId", "nope00"))), NotFoundException.class, 404,
                "Invalid Deployment identifier specified");
        assertAwsError(() -> apigw.updateStage(b -> b.restApiId(apiId).stageName("test")
                .patchOperations(replace("/*/*/logging/loglevel", "INFO"))), BadRequestException.class, 400,
                "Invalid patch path /*/*/logging/loglevel");
        assertThat(apigw.getStage(b -> b.restApiId(apiId).stageName("test")).deploymentId()).isEqualTo(d2);
        assertThat(d1).isNotEqualTo(d2);
    }

    @Test
    void deleteStageAnswers202() {
        String apiId = deployableApi();
        apigw.createDeployment(b -> b.restApiId(apiId).stageName("gone"));
        var deleted = apigw.deleteStage(b -> b.restApiId(apiId).stageName("gone"));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertAwsError(() -> apigw.getStage(b -> b.restApiId(apiId).stageName("gone")), NotFoundException.class, 404,
                "Invalid Stage identifier specified");
        assertAwsError(() -> apigw.deleteStage(b -> b.restApiId(apiId).stageName("gone")), NotFoundException.class, 404,
                "Invalid Stage identifier specified");
    }
}
