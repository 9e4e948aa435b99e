package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.UpdateRestApiResponse;

class RestApiOperationsTest extends ApiGatewayTestSupport {

    @Test
    void createRestApiAppliesAwsDefaultsAndCreatesTheRootResource() {
        Instant before = Instant.now().minusSeconds(1);
        CreateRestApiResponse api = apigw.createRestApi(b -> b.name("HelloWorld (AWS CLI)").description("demo"));

        assertThat(api.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(api.id()).matches("[a-z0-9]{10}");
        assertThat(api.name()).isEqualTo("HelloWorld (AWS CLI)");
        assertThat(api.description()).isEqualTo("demo");
        assertThat(api.endpointConfiguration().types()).containsExactly(EndpointType.EDGE);
        assertThat(api.apiKeySourceAsString()).isEqualTo("HEADER");
        assertThat(api.disableExecuteApiEndpoint()).isFalse();
        assertThat(api.createdDate()).isBetween(before, Instant.now().plusSeconds(1));
        var resources = apigw.getResources(b -> b.restApiId(api.id())).items();
        assertThat(resources).singleElement().satisfies(root -> {
            assertThat(root.id()).isEqualTo(api.rootResourceId());
            assertThat(root.path()).isEqualTo("/");
            assertThat(root.parentId()).isNull();
        });
    }

    @Test
    void getRestApiAnswersWhatCreateRestApiAnswered() {
        CreateRestApiResponse created = apigw.createRestApi(b -> b.name("get-me")
                .endpointConfiguration(c -> c.types(EndpointType.REGIONAL)).binaryMediaTypes("image/png"));
        var got = apigw.getRestApi(b -> b.restApiId(created.id()));

        assertThat(got.id()).isEqualTo(created.id());
        assertThat(got.rootResourceId()).isEqualTo(created.rootResourceId());
        assertThat(got.endpointConfiguration().types()).containsExactly(EndpointType.REGIONAL);
        assertThat(got.binaryMediaTypes()).containsExactly("image/png");
        assertThat(got.createdDate()).isEqualTo(created.createdDate().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void unknownApiIsNotFoundWithAwsMessage() {
        assertAwsError(() -> apigw.getRestApi(b -> b.restApiId("nonexistent")), NotFoundException.class, 404,
                "Invalid API identifier specified 123456789012:nonexistent");
        assertAwsError(() -> apigw.deleteRestApi(b -> b.restApiId("nonexistent")), NotFoundException.class, 404,
                "Invalid API identifier specified 123456789012:nonexistent");
    }

    @Test
    void invalidCreateRequestsAreBadRequests() {
        assertAwsError(() -> apigw.createRestApi(b -> b.description("no name")), BadRequestException.class, 400,
                "1 validation error detected: Value null at 'createRestApiInput.name' failed to satisfy constraint: "
                        + "Member must not be null");
        assertAwsError(() -> apigw.createRestApi(b -> b.name("x").description("")), BadRequestException.class, 400,
                "Description cannot be an empty string");
        assertAwsError(() -> apigw.createRestApi(b -> b.name("x").minimumCompressionSize(-1)), BadRequestException.class,
                400, "Invalid minimum compression size, must be between 0 and 10485760");
        assertAwsError(() -> apigw.createRestApi(b -> b.name("x")
                        .endpointConfiguration(c -> c.types(EndpointType.EDGE, EndpointType.REGIONAL))),
                BadRequestException.class, 400, "Cannot create an api with multiple Endpoint Types.");
    }

    @Test
    void getRestApisPagesThroughEveryApiOfTheRegionOnly() {
        try (ApiGatewayClient ohio = client(Region.US_EAST_2)) {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                int n = i;
                created.add(ohio.createRestApi(b -> b.name("paged-" + n)).id());
            }
            List<String> seen = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String position = null;
            do {
                String from = position;
                GetRestApisResponse page = ohio.getRestApis(b -> b.limit(3).position(from));
                pageSizes.add(page.items().size());
                page.items().forEach(api -> seen.add(api.id()));
                position = page.position();
            } while (position != null);

            assertThat(pageSizes).containsExactly(3, 3, 1);
            assertThat(seen).containsExactlyElementsOf(created);
            assertThat(apigw.getRestApis(b -> b.limit(500)).items()).extracting(RestApi::id).doesNotContainAnyElementsOf(created);
            assertAwsError(() -> apigw.getRestApi(b -> b.restApiId(created.get(0))), NotFoundException.class, 404,
                    "Invalid API identifier specified 123456789012:" + created.get(0));
            assertThat(ohio.getRestApis(b -> b.limit(500)).items()).hasSize(7);
        }
    }

    @Test
    void getRestApisRejectsALimitAbove500() {
        assertAwsErrorCode(() -> apigw.getRestApis(b -> b.limit(501)), "BadRequestException", 400);
    }

    @Test
    void updateRestApiAppliesPatchOperations() {
        String apiId = createApi("before");
        UpdateRestApiResponse updated = apigw.updateRestApi(b -> b.restApiId(apiId).patchOperations(
                replace("/name", "after"),
                replace("/description", "described"),
                patch(Op.ADD, "/binaryMediaTypes/image~1png", null),
                patch(Op.ADD, "/binaryMediaTypes/image~1jpeg", null),
                replace("/minimumCompressionSize", "1024"),
                replace("/disableExecuteApiEndpoint", "true"),
                replace("/apiKeySource", "AUTHORIZER")));

        assertThat(updated.name()).isEqualTo("after");
        assertThat(updated.description()).isEqualTo("described");
        assertThat(updated.binaryMediaTypes()).containsExactly("image/png", "image/jpeg");
        assertThat(updated.minimumCompressionSize()).isEqualTo(1024);
        assertThat(updated.disableExecuteApiEndpoint()).isTrue();
        assertThat(updated.apiKeySourceAsString()).isEqualTo("AUTHORIZER");

        var again = apigw.updateRestApi(b -> b.restApiId(apiId).patchOperations(
                patch(Op.REPLACE, "/binaryMediaTypes/image~1png", "image/gif"),
                patch(Op.REMOVE, "/binaryMediaTypes/image~1jpeg", null),
                replace("/minimumCompressionSize", "")));
        assertThat(again.binaryMediaTypes()).containsExactly("image/gif");
        assertThat(again.minimumCompressionSize()).isNull();
        assertThat(apigw.getRestApi(b -> b.restApiId(apiId)).name()).isEqualTo("after");
    }

    @Test
    void updateRestApiRejectsUnknownPathsAndBadValues() {
        String apiId = createApi("strict");
        assertAwsError(() -> apigw.updateRestApi(b -> b.restApiId(apiId).patchOperations(replace("/rootResourceId", "x"))),
                BadRequestException.class, 400, "Invalid patch path /rootResourceId");
        assertAwsError(() -> apigw.updateRestApi(b -> b.restApiId(apiId).patchOperations(patch(Op.ADD, "/binaryMediaTypes", "a/b"))),
                BadRequestException.class, 400, "Invalid patch path /binaryMediaTypes");
        assertAwsError(() -> apigw.updateRestApi(b -> b.restApiId(apiId).patchOperations(replace("/minimumCompressionSize", "big"))),
                BadRequestException.class, 400, "Invalid minimum compression size, must be between 0 and 10485760");
        assertAwsError(() -> apigw.updateRestApi(b -> b.restApiId(apiId).patchOperations(patch(Op.ADD, "/name", "x"))),
                BadRequestException.class, 400, "Invalid patch operation specified. Must be one of: [replace]");
        assertThat(apigw.getRestApi(b -> b.restApiId(apiId)).name()).isEqualTo("strict");
    }

    @Test
    void deleteRestApiAnswers202AndForgetsTheApi() {
        String apiId = createApi("doomed");
        var response = apigw.deleteRestApi(b -> b.restApiId(apiId));

        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertAwsError(() -> apigw.getRestApi(b -> b.restApiId(apiId)), NotFoundException.class, 404,
                "Invalid API identifier specified 123456789012:" + apiId);
        assertAwsError(() -> apigw.getResources(b -> b.restApiId(apiId)), NotFoundException.class, 404,
                "Invalid API identifier specified 123456789012:" + apiId);
    }

    @Test
    void tagsGivenAtCreationShowOnTheApi() {
        var api = apigw.createRestApi(b -> b.name("tagged").tags(Map.of("team", "payments")));
        assertThat(api.tags()).containsExactly(Map.entry("team", "payments"));
        assertThat(apigw.getRestApi(b -> b.restApiId(api.id())).tags()).containsExactly(Map.entry("team", "payments"));
        assertThat(Duration.between(api.createdDate(), Instant.now())).isLessThan(Duration.ofMinutes(1));
    }
}
