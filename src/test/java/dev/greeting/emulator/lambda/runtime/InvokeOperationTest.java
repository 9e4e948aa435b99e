package dev.greeting.emulator.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.emulator.Emulator;
import dev.greeting.testsupport.TestZips;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Lambda's Invoke operation through the real SDK, running the example function for real. */
class InvokeOperationTest {
    private static Emulator emulator;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        create("HelloWorld", DirectoryZip.of(Path.of("examples/hello-world-function")));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        emulator.close();
    }

    private static void create(String name, byte[] zip) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.NODEJS20_X).handler("index.handler")
                .role("arn:aws:iam::123456789012:role/lambda-basic").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    }

    private static InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void requestResponseAnswersThePayload() {
        InvokeResponse response = invoke("HelloWorld", "{\"greeter\":\"sdk\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.payload().asUtf8String())
                .isEqualTo("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"*/*\"},\"body\":\"Hello, sdk!\"}");

        InvokeResponse byArn = invoke("arn:aws:lambda:us-east-1:123456789012:function:HelloWorld", "{\"greeter\":\"\"}");
        assertThat(byArn.payload().asUtf8String()).contains("Hello, World");
        assertThat(emulator.counters().calls("Invoke")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFunctionErrorIsUnhandledWithTheErrorPayload() {
        InvokeResponse response = invoke("HelloWorld", "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String())
                .contains("\"errorType\":\"Error\"")
                .contains("\"errorMessage\":\"Missing the required greeter parameter.\"")
                .contains("\"trace\":[\"Error: Missing the required greeter parameter.\"");
    }

    @Test
    void tailLogsEventAndDryRun() {
        create("Logger", TestZips.zip(Map.of("index.js", "exports.handler = async (e) => { console.log('got', e.n); return e.n; };")));
        InvokeResponse tail = lambda.invoke(b -> b.functionName("Logger").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"n\":7}")));
        String log = new String(Base64.getDecoder().decode(tail.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("START RequestId:").contains("INFO\tgot 7").contains("REPORT RequestId:");

        InvokeResponse event = lambda.invoke(b -> b.functionName("Logger").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"n\":8}")));
        assertThat(event.statusCode()).isEqualTo(202);
        InvokeResponse dryRun = lambda.invoke(b -> b.functionName("Logger").invocationType(InvocationType.DRY_RUN));
        assertThat(dryRun.statusCode()).isEqualTo(204);
    }

    @Test
    void unknownFunctionAndBadPayloadAreLambdasErrors() {
        assertThatThrownBy(() -> invoke("Nope", "{}"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.getMessage())
                        .contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope"));
        assertThatThrownBy(() -> invoke("HelloWorld", "{not json"))
                .isInstanceOf(InvalidRequestContentException.class)
                .hasMessageContaining("Could not parse request body into json");
    }
}
