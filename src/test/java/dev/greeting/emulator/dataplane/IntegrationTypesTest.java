package dev.greeting.emulator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

/** MOCK and Lambda proxy integrations, passthrough behaviour and TestInvokeMethod's errors. */
class IntegrationTypesTest {
    private static GreetingRecipe recipe;

    @BeforeAll
    static void start() {
        recipe = new GreetingRecipe();
    }

    @AfterAll
    static void stop() {
        recipe.close();
    }

    /** An API with one method on {@code /items/{id}} whose integration the caller sets up. */
    private static GreetingRecipe.Api api(String method, java.util.function.BiConsumer<String, String> integration) {
        var apigw = recipe.apigw;
        String apiId = apigw.createRestApi(b -> b.name("types")).id();
        String rootId = apigw.getResources(b -> b.restApiId(apiId)).items().get(0).id();
        String items = apigw.createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("items")).id();
        String item = apigw.createResource(b -> b.restApiId(apiId).parentId(items).pathPart("{id}")).id();
        apigw.putMethod(b -> b.restApiId(apiId).resourceId(item).httpMethod(method).authorizationType("NONE"));
        apigw.putMethodResponse(b -> b.restApiId(apiId).resourceId(item).httpMethod(method).statusCode("200"));
        integration.accept(apiId, item);
        apigw.createDeployment(b -> b.restApiId(apiId).stageName("dev").variables(Map.of("color", "blue")));
        return new GreetingRecipe.Api(apiId, item, "dev");
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return recipe.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mockIntegrationWithPathParametersContextAndStageVariables() throws Exception {
        GreetingRecipe.Api api = api("GET", (apiId, item) -> {
            recipe.apigw.putIntegration(b -> b.restApiId(apiId).resourceId(item).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            recipe.apigw.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(item).httpMethod("GET").statusCode("200")
                    .selectionPattern("").responseParameters(Map.of("method.response.header.X-Color", "stageVariables.color"))
                    .responseTemplates(Map.of("application/json", "{\"id\": \"$input.params('id')\", \"stage\": \"$context.stage\","
                            + " \"color\": \"$stageVariables.color\", \"path\": \"$context.resourcePath\"}")));
        });
        HttpResponse<String> response = send(HttpRequest.newBuilder(recipe.url(api, "/items/42")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\": \"42\", \"stage\": \"dev\", \"color\": \"blue\", \"path\": \"/items/{id}\"}");
        assertThat(response.headers().firstValue("X-Color")).contains("blue");
    }

    @Test
    void aResponseTemplateCanOverrideStatusAndHeaders() throws Exception {
        GreetingRecipe.Api api = api("GET", (apiId, item) -> {
            recipe.apigw.putIntegration(b -> b.restApiId(apiId).resourceId(item).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            recipe.apigw.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(item).httpMethod("GET").statusCode("200")
                    .selectionPattern("").responseTemplates(Map.of("application/json",
                            "#set($context.responseOverride.status = 404)#set($context.responseOverride.header.X-Why = \"no $input.params('id')\")gone")));
        });
        HttpResponse<String> response = send(HttpRequest.newBuilder(recipe.url(api, "/items/9")).build());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Why")).contains("no 9");
        assertThat(response.body()).isEqualTo("gone");
    }

    @Test
    void unmatchedContentTypeIsRejectedWhenPassthroughIsNever() throws Exception {
        GreetingRecipe.Api api = api("POST", (apiId, item) -> {
            recipe.apigw.putIntegration(b -> b.restApiId(apiId).resourceId(item).httpMethod("POST").type(IntegrationType.MOCK)
                    .passthroughBehavior("NEVER").requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            recipe.apigw.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(item).httpMethod("POST")
                    .statusCode("200").selectionPattern(""));
        });
        URI uri = recipe.url(api, "/items/1");
        HttpResponse<String> xml = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<a/>")).build());
        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(xml.body()).isEqualTo("{\"message\":\"Unsupported Media Type\"}");
        HttpResponse<String> json = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(json.statusCode()).isEqualTo(200);
    }

    @Test
    void lambdaProxyIntegrationPassesTheRequestAndReturnsTheFunctionsResponse() throws Exception {
        String fn = recipe.createFunction("Proxy", Map.of("index.mjs", """
                export const handler = async (event) => ({
                  statusCode: 201,
                  headers: { 'X-Custom': 'yes', 'Content-Type': 'text/plain' },
                  body: `${event.httpMethod} ${event.path} ${event.pathParameters.id} ${event.queryStringParameters.q} ${event.body}`,
                });
                """), 3);
        recipe.lambda.addPermission(b -> b.functionName("Proxy").statementId("any").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com"));
        GreetingRecipe.Api api = api("POST", (apiId, item) -> recipe.apigw.putIntegration(b -> b.restApiId(apiId)
                .resourceId(item).httpMethod("POST").type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST")
                .uri(GreetingRecipe.invocationUri(fn))));
        HttpResponse<String> response = send(HttpRequest.newBuilder(recipe.url(api, "/items/7?q=x"))
                .POST(HttpRequest.BodyPublishers.ofString("payload")).build());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Custom")).contains("yes");
        assertThat(response.body()).isEqualTo("POST /items/7 7 x payload");
    }

    @Test
    void testInvokeMethodOnUnknownThingsIsNotFound() {
        GreetingRecipe.Api api = api("GET", (apiId, item) -> recipe.apigw.putIntegration(b -> b.restApiId(apiId)
                .resourceId(item).httpMethod("GET").type(IntegrationType.MOCK)));
        assertThatThrownBy(() -> recipe.apigw.testInvokeMethod(b -> b.restApiId("nope").resourceId(api.resourceId())
                .httpMethod("GET"))).isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid API identifier");
        assertThatThrownBy(() -> recipe.apigw.testInvokeMethod(b -> b.restApiId(api.id()).resourceId("nope")
                .httpMethod("GET"))).isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Resource identifier");
        assertThatThrownBy(() -> recipe.apigw.testInvokeMethod(b -> b.restApiId(api.id()).resourceId(api.resourceId())
                .httpMethod("PUT"))).isInstanceOf(NotFoundException.class).hasMessageContaining("Invalid Method identifier");
    }
}
