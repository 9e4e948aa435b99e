package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

class TagOperationsTest extends ApiGatewayTestSupport {

    private static String apiArn(String apiId) {
        return "arn:aws:apigateway:us-west-2::/restapis/" + apiId;
    }

    @Test
    void tagsOfARestApi() {
        String apiId = apigw.createRestApi(b -> b.name("tags").tags(Map.of("owner", "uid-1"))).id();
        assertThat(apigw.getTags(b -> b.resourceArn(apiArn(apiId))).tags()).containsExactly(Map.entry("owner", "uid-1"));

        var tagged = apigw.tagResource(b -> b.resourceArn(apiArn(apiId)).tags(Map.of("team", "payments", "owner", "uid-2")));
        assertThat(tagged.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThat(apigw.getTags(b -> b.resourceArn(apiArn(apiId))).tags())
                .containsOnly(Map.entry("owner", "uid-2"), Map.entry("team", "payments"));
        assertThat(apigw.getRestApi(b -> b.restApiId(apiId)).tags()).containsEntry("team", "payments");

        var untagged = apigw.untagResource(b -> b.resourceArn(apiArn(apiId)).tagKeys("owner", "absent"));
        assertThat(untagged.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThat(apigw.getTags(b -> b.resourceArn(apiArn(apiId))).tags()).containsExactly(Map.entry("team", "payments"));
    }

    @Test
    void tagsOfAStage() {
        String apiId = createApi("stage-tags");
        createLambdaGet(apiId, createResource(apiId, rootId(apiId), "greeting"));
        apigw.createDeployment(b -> b.restApiId(apiId).stageName("test"));
        String stageArn = apiArn(apiId) + "/stages/test";

        apigw.tagResource(b -> b.resourceArn(stageArn).tags(Map.of("env", "test")));
        assertThat(apigw.getTags(b -> b.resourceArn(stageArn)).tags()).containsExactly(Map.entry("env", "test"));
        assertThat(apigw.getStage(b -> b.restApiId(apiId).stageName("test")).tags()).containsExactly(Map.entry("env", "test"));
        assertThat(apigw.getTags(b -> b.resourceArn(apiArn(apiId))).tags()).isEmpty();
        assertAwsError(() -> apigw.getTags(b -> b.resourceArn(apiArn(apiId) + "/stages/prod")), NotFoundException.class, 404,
                "Invalid Stage identifier specified");
    }

    @Test
    void tagsOfAnUnknownApiAreNotFound() {
        assertAwsError(() -> apigw.tagResource(b -> b.resourceArn(apiArn("nonexistent")).tags(Map.of("a", "b"))),
                NotFoundException.class, 404, "Invalid API identifier specified 123456789012:nonexistent");
        assertAwsError(() -> apigw.getTags(b -> b.resourceArn(apiArn("nonexistent"))), NotFoundException.class, 404,
                "Invalid API identifier specified 123456789012:nonexistent");
    }
}
