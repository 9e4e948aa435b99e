package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The raw rest-json the SDK parses: member names, epoch-second timestamps, collection envelopes, error headers. */
class WireFormatTest extends ApiGatewayTestSupport {
    private static final String AUTHORIZATION =
            "AWS4-HMAC-SHA256 Credential=test/20250101/us-west-2/apigateway/aws4_request, SignedHeaders=host, Signature=x";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
                .header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void restApiTimestampsAreEpochSecondsAndListsUseItem() throws Exception {
        var created = send("POST", "/restapis", "{\"name\":\"wire\",\"tags\":{\"k\":\"v\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode api = json(created);
        assertThat(api.get("createdDate").isIntegralNumber()).isTrue();
        assertThat(api.get("createdDate").asLong()).isGreaterThan(1_700_000_000L);
        assertThat(api.get("endpointConfiguration").get("types").get(0).asText()).isEqualTo("EDGE");
        assertThat(api.get("tags").get("k").asText()).isEqualTo("v");
        assertThat(api.has("binaryMediaTypes")).isFalse();

        JsonNode list = json(send("GET", "/restapis?limit=1", null));
        assertThat(list.get("item").isArray()).isTrue();
        assertThat(list.get("item")).hasSize(1);
    }

    @Test
    void resourcesListMethodNamesWithEmptyObjectsUnlessEmbedded() throws Exception {
        String apiId = createApi("wire-resources");
        String root = rootId(apiId);
        createLambdaGet(apiId, root);

        JsonNode plain = json(send("GET", "/restapis/" + apiId + "/resources", null)).get("item").get(0);
        assertThat(plain.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "path", "resourceMethods");
        assertThat(plain.get("resourceMethods").get("GET").isEmpty()).isTrue();

        JsonNode embedded = json(send("GET", "/restapis/" + apiId + "/resources?embed=methods", null)).get("item").get(0);
        JsonNode integration = embedded.get("resourceMethods").get("GET").get("methodIntegration");
        assertThat(integration.get("httpMethod").asText()).isEqualTo("POST");
        assertThat(integration.get("timeoutInMillis").asInt()).isEqualTo(29000);
        assertThat(integration.get("integrationResponses").get("200").get("statusCode").asText()).isEqualTo("200");
    }

    @Test
    void stagesUseItemAndEpochSeconds() throws Exception {
        String apiId = createApi("wire-stages");
        createLambdaGet(apiId, rootId(apiId));
        apigw.createDeployment(b -> b.restApiId(apiId).stageName("test"));

        JsonNode stages = json(send("GET", "/restapis/" + apiId + "/stages", null));
        JsonNode stage = stages.get("item").get(0);
        assertThat(stage.get("lastUpdatedDate").isIntegralNumber()).isTrue();
        assertThat(stage.get("methodSettings").isObject()).isTrue();
        assertThat(stage.get("cacheClusterStatus").asText()).isEqualTo("NOT_AVAILABLE");
    }

    @Test
    void errorsCarryTheirTypeInAHeaderAndAMessageInTheBody() throws Exception {
        var response = send("GET", "/restapis/nonexistent", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("NotFoundException");
        assertThat(json(response).get("message").asText()).isEqualTo("Invalid API identifier specified 123456789012:nonexistent");
    }
}
