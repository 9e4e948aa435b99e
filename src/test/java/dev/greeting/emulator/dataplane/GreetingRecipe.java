package dev.greeting.emulator.dataplane;

import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.lambda.runtime.DirectoryZip;
import dev.greeting.testsupport.TestZips;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The design's manual recipe, through the real SDK against the emulator: the function in
 * us-east-1, the REST API in us-west-2 ({@code GET /greeting} with a Lambda custom integration),
 * deployed to a stage, with the invoke permission. Variations are what the tests need.
 */
final class GreetingRecipe implements AutoCloseable {
    static final String TUTORIAL_TEMPLATE = "{\"greeter\":\"$input.params('greeter')\"}";
    static final String ESCAPING_TEMPLATE = "{\"greeter\":\"$util.escapeJavaScript($input.params('greeter'))\"}";

    final Emulator emulator;
    final ApiGatewayClient apigw;
    final LambdaClient lambda;
    final HttpClient http = HttpClient.newHttpClient();

    GreetingRecipe() {
        emulator = Emulator.start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        apigw = ApiGatewayClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(credentials).build();
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    /** The seed function, zipped from examples/hello-world-function. */
    String createHelloWorld(String name) {
        return createFunction(name, DirectoryZip.of(Path.of("examples/hello-world-function")), 3);
    }

    String createFunction(String name, Map<String, String> files, int timeoutSeconds) {
        return createFunction(name, TestZips.zip(files), timeoutSeconds);
    }

    private String createFunction(String name, byte[] zip, int timeoutSeconds) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.NODEJS20_X).handler("index.handler")
                .role("arn:aws:iam::123456789012:role/lambda-basic").timeout(timeoutSeconds)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).functionArn();
    }

    /** How the API of a test differs from the tutorial's. */
    static final class Options {
        String template = TUTORIAL_TEMPLATE;
        boolean greeterRequired;
        boolean validator;
        boolean permission = true;
        String stage = "test";
        final List<String[]> errorResponses = new ArrayList<>(); // status, selectionPattern, template

        Options template(String t) {
            template = t;
            return this;
        }

        Options requiredWithValidator() {
            greeterRequired = true;
            validator = true;
            return this;
        }

        Options withoutPermission() {
            permission = false;
            return this;
        }

        Options errorResponse(String status, String pattern, String responseTemplate) {
            errorResponses.add(new String[] {status, pattern, responseTemplate});
            return this;
        }
    }

    /** The ids a test needs. */
    record Api(String id, String resourceId, String stage) {}

    Api createApi(String name, String functionArn, Options o) {
        String apiId = apigw.createRestApi(b -> b.name(name)).id();
        String rootId = apigw.getResources(b -> b.restApiId(apiId)).items().get(0).id();
        String resourceId = apigw.createResource(b -> b.restApiId(apiId).parentId(rootId).pathPart("greeting")).id();
        String validatorId = o.validator
                ? apigw.createRequestValidator(b -> b.restApiId(apiId).name("params").validateRequestParameters(true)).id()
                : null;
        apigw.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").authorizationType("NONE")
                .requestParameters(Map.of("method.request.querystring.greeter", o.greeterRequired))
                .requestValidatorId(validatorId));
        apigw.putMethodResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").statusCode("200"));
        apigw.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").type(IntegrationType.AWS)
                .integrationHttpMethod("POST").uri(invocationUri(functionArn))
                .requestTemplates(Map.of("application/json", o.template)));
        apigw.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET")
                .statusCode("200").selectionPattern(""));
        for (String[] r : o.errorResponses) {
            apigw.putMethodResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET").statusCode(r[0]));
            apigw.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET")
                    .statusCode(r[0]).selectionPattern(r[1])
                    .responseTemplates(r[2] == null ? null : Map.of("application/json", r[2])));
        }
        apigw.createDeployment(b -> b.restApiId(apiId).stageName(o.stage));
        if (o.permission) {
            lambda.addPermission(b -> b.functionName(functionArn).statementId("apigw-" + apiId)
                    .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                    .sourceArn("arn:aws:execute-api:us-west-2:123456789012:" + apiId + "/*/GET/greeting"));
        }
        return new Api(apiId, resourceId, o.stage);
    }

    static String invocationUri(String functionArn) {
        return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + functionArn + "/invocations";
    }

    void changeTemplate(Api api, String template) {
        apigw.updateIntegration(b -> b.restApiId(api.id()).resourceId(api.resourceId()).httpMethod("GET")
                .patchOperations(PatchOperation.builder().op(Op.REPLACE)
                        .path("/requestTemplates/application~1json").value(template).build()));
    }

    void redeploy(Api api) {
        apigw.createDeployment(b -> b.restApiId(api.id()).stageName(api.stage()));
    }

    /** The invoke URL in LocalStack's current form. */
    URI url(Api api, String pathAndQuery) {
        return URI.create(emulator.endpoint() + "/_aws/execute-api/" + api.id() + "/" + api.stage() + pathAndQuery);
    }

    /** The invoke URL in LocalStack's older form. */
    URI userRequestUrl(Api api, String pathAndQuery) {
        return URI.create(emulator.endpoint() + "/restapis/" + api.id() + "/" + api.stage() + "/_user_request_" + pathAndQuery);
    }

    HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        apigw.close();
        lambda.close();
        emulator.close();
    }
}
