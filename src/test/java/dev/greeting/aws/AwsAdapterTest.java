package dev.greeting.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.emulator.Emulator;
import dev.greeting.model.GreetingApi;
import dev.greeting.testsupport.GreetingApis;
import dev.greeting.model.GreetingApiSpec;
import dev.greeting.reconcile.DesiredState;
import dev.greeting.reconcile.ObservedState;
import dev.greeting.reconcile.Plan;
import dev.greeting.reconcile.Planner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** The adapter against the emulator over HTTP: what it writes is read back through the SDK. */
class AwsAdapterTest {
    static final StaticCredentialsProvider TEST = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    Emulator emulator;
    AwsAdapter adapter;
    ApiGatewayClient apigw;
    LambdaClient lambda;
    String functionArn;

    @BeforeEach
    void start() {
        emulator = Emulator.start();
        adapter = new AwsAdapter(AwsSettings.forEndpoint(emulator.endpoint(), "us-west-2", TEST)
                .withQuotas(QuotaPolicy.awsDefaults().scaled(100)));
        apigw = ApiGatewayClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_WEST_2).credentialsProvider(TEST)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1).credentialsProvider(TEST)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        functionArn = lambda.createFunction(b -> b.functionName("HelloWorld").runtime(Runtime.NODEJS20_X)
                .role("arn:aws:iam::123456789012:role/lambda").handler("index.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip())))).functionArn();
        emulator.counters().reset();
    }

    @AfterEach
    void stop() {
        adapter.close();
        apigw.close();
        lambda.close();
        emulator.close();
    }

    DesiredState desired(String uid, Consumer<GreetingApiSpec> customize) {
        GreetingApi api = GreetingApis.greetingApi("default", "hello-world", functionArn, customize);
        api.getMetadata().setUid(uid);
        return DesiredState.of(api, "us-west-2");
    }

    /** observe, plan, apply, as a reconcile does; returns the plan. */
    Plan converge(DesiredState d, String knownId, Progress progress) {
        ObservedState observed = adapter.observe(d, knownId, true);
        Plan plan = Planner.plan(d, observed);
        adapter.apply(d, observed, plan, progress);
        return plan;
    }

    @Test
    void createsTheRecipeInNineCalls() {
        DesiredState d = desired(UUID.randomUUID().toString(), s -> { });
        Progress progress = new Progress();
        converge(d, null, progress);

        assertThat(emulator.counters().totalCalls()).isEqualTo(9);
        assertThat(emulator.counters().calls("CreateRestApi")).isEqualTo(1);
        assertThat(emulator.counters().calls("CreateDeployment")).isEqualTo(1);
        String apiId = progress.restApiId();
        var api = apigw.getRestApi(b -> b.restApiId(apiId));
        assertThat(api.name()).isEqualTo("default-hello-world");
        assertThat(api.tags()).containsEntry(DesiredState.UID_TAG, d.uid());
        Resource greeting = apigw.getResources(b -> b.restApiId(apiId)).items().stream()
                .filter(r -> "/greeting".equals(r.path())).findFirst().orElseThrow();
        GetMethodResponse method = apigw.getMethod(b -> b.restApiId(apiId).resourceId(greeting.id()).httpMethod("GET"));
        assertThat(method.authorizationType()).isEqualTo("NONE");
        assertThat(method.requestParameters()).containsExactly(Map.entry("method.request.querystring.greeter", false));
        assertThat(method.methodResponses()).containsKey("200");
        GetIntegrationResponse integration = apigw.getIntegration(b -> b.restApiId(apiId).resourceId(greeting.id()).httpMethod("GET"));
        assertThat(integration.typeAsString()).isEqualTo("AWS");
        assertThat(integration.httpMethod()).isEqualTo("POST");
        assertThat(integration.uri()).isEqualTo("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                + functionArn + "/invocations");
        assertThat(integration.requestTemplates()).containsEntry("application/json",
                "{\"greeter\":\"$util.escapeJavaScript($input.params('greeter')).replaceAll(\"\\\\'\",\"'\")\"}");
        assertThat(integration.integrationResponses()).containsKey("200");
        assertThat(integration.integrationResponses().get("200").selectionPattern()).isIn(null, "");
        var stage = apigw.getStage(b -> b.restApiId(apiId).stageName("test"));
        assertThat(stage.deploymentId()).isEqualTo(progress.deploymentId());
        String policy = lambda.getPolicy(b -> b.functionName(functionArn)).policy();
        assertThat(policy).contains(d.statementId(), "apigateway.amazonaws.com",
                "arn:aws:execute-api:us-west-2:123456789012:" + apiId + "/*/GET/greeting");
    }

    @Test
    void afterConvergingThereIsNothingToDoAndThreeReads() {
        DesiredState d = desired(UUID.randomUUID().toString(), s -> { });
        Progress progress = new Progress();
        converge(d, null, progress);
        emulator.counters().reset();

        ObservedState observed = adapter.observe(d, progress.restApiId(), false);
        assertThat(Planner.plan(d, observed).actions()).isEmpty();
        assertThat(emulator.counters().callSnapshot())
                .containsOnlyKeys("GetResources", "GetStages", "GetPolicy")
                .allSatisfy((op, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void everySpecChangeConvergesToAnEmptyPlan() {
        DesiredState d = desired(UUID.randomUUID().toString(), s -> { });
        Progress first = new Progress();
        converge(d, null, first);
        String apiId = first.restApiId();
        List<Consumer<GreetingApiSpec>> changes = List.of(
                s -> s.setPath("v1/hello"),
                s -> s.setGreeterParameter("name"),
                s -> s.setGreeterRequired(true),
                s -> s.setStage("prod"),
                s -> s.setCredentialsRoleArn("arn:aws:iam::123456789012:role/apigAwsProxyRole"),
                s -> s.setTags(Map.of("team", "payments")),
                s -> s.setApiName("Renamed"));
        Consumer<GreetingApiSpec> accumulated = s -> { };
        for (Consumer<GreetingApiSpec> change : changes) {
            accumulated = accumulated.andThen(change);
            DesiredState next = desired(d.uid(), accumulated);
            converge(next, apiId, new Progress());
            Plan again = Planner.plan(next, adapter.observe(next, apiId, true));
            assertThat(again.actions()).as("after %s", next).isEmpty();
        }
        var stages = apigw.getStages(b -> b.restApiId(apiId)).item();
        assertThat(stages).extracting(s -> s.stageName()).containsExactly("prod");
        assertThat(apigw.getDeployments(b -> b.restApiId(apiId)).items()).hasSize(1);
        assertThat(apigw.getResources(b -> b.restApiId(apiId)).items()).extracting(Resource::path)
                .containsExactlyInAnyOrder("/", "/v1", "/v1/hello");
        // the role replaced the permission
        assertThatThrownBy(() -> lambda.getPolicy(b -> b.functionName(functionArn)))
                .isInstanceOf(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class);
    }

    @Test
    void findsItsApiByUidTag() {
        DesiredState d = desired(UUID.randomUUID().toString(), s -> { });
        Progress progress = new Progress();
        converge(d, null, progress);
        converge(desired(UUID.randomUUID().toString(), s -> { }), null, new Progress());

        ObservedState observed = adapter.observe(d, null, false);
        assertThat(observed.restApiId()).isEqualTo(progress.restApiId());
        assertThat(observed.attributes().tags()).containsEntry(DesiredState.UID_TAG, d.uid());
        assertThat(apigw.getRestApis().items()).hasSize(2);
    }

    @Test
    void missingFunctionIsFunctionNotFound() {
        DesiredState d = desired(UUID.randomUUID().toString(),
                s -> s.setFunctionArn("arn:aws:lambda:us-east-1:123456789012:function:Missing"));
        assertThatThrownBy(() -> converge(d, null, new Progress()))
                .isInstanceOfSatisfying(AwsFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("FunctionNotFound");
                    assertThat(f.retry()).isEqualTo(AwsFailure.Retry.EXTERNAL);
                    assertThat(f.getMessage()).contains("AddPermission", "Function not found");
                });
    }

    @Test
    void invokeUrlUnderACustomEndpointIsLocalStacksPathForm() {
        DesiredState d = desired(UUID.randomUUID().toString(), s -> s.setPath("v1/greeting"));
        assertThat(adapter.invokeUrl(d, "abc123")).isEqualTo(emulator.endpoint() + "/_aws/execute-api/abc123/test/v1/greeting");
        AwsSettings real = AwsSettings.fromEnvironment(Map.of("AWS_REGION", "us-west-2"));
        assertThat(real.invokeUrl("abc123", "us-west-2", "test", "/greeting"))
                .isEqualTo("https://abc123.execute-api.us-west-2.amazonaws.com/test/greeting");
        AwsSettings perService = AwsSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:4567"));
        assertThat(perService.apiGatewayEndpoint()).hasToString("http://127.0.0.1:4566");
        assertThat(perService.lambdaEndpoint()).hasToString("http://127.0.0.1:4567");
    }

    @Test
    void deleteRemovesTheApiAndReportsWhenItWasGone() {
        DesiredState d = desired(UUID.randomUUID().toString(), s -> { });
        Progress progress = new Progress();
        converge(d, null, progress);
        assertThat(adapter.deleteApi("us-west-2", null, d.uid())).isTrue();
        adapter.removePermission(functionArn, d.statementId());
        assertThat(apigw.getRestApis().items()).isEmpty();
        assertThat(adapter.deleteApi("us-west-2", progress.restApiId(), d.uid())).isFalse();
        adapter.removePermission(functionArn, d.statementId());
    }

    static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.js"));
            zip.write("exports.handler = async (e) => `Hello, ${e.greeter}!`;".getBytes());
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
