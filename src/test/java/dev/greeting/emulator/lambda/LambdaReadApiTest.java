package dev.greeting.emulator.lambda;

import static dev.greeting.emulator.lambda.LambdaTestSupport.client;
import static dev.greeting.emulator.lambda.LambdaTestSupport.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.emulator.Emulator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** What the function runtime reads: {@link LambdaEmulator#findFunction} after SDK calls. */
class LambdaReadApiTest {
    private static final String SOURCE_ARN = "arn:aws:execute-api:us-east-1:123456789012:te6si5ach7/*/GET/greeting";
    private Emulator emulator;
    private LambdaClient lambda;

    @BeforeEach
    void start() {
        emulator = Emulator.start();
        lambda = client(emulator, Region.US_EAST_1);
    }

    @AfterEach
    void stop() {
        lambda.close();
        emulator.close();
    }

    @Test
    void findFunctionReturnsConfigurationAndCodeAsUploaded() {
        byte[] code = zip(Map.of("index.js", LambdaTestSupport.HELLO_JS, "lib/util.js", "module.exports = {};"));
        lambda.createFunction(LambdaTestSupport.nodeFunction("HelloWorld")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
                .timeout(10).memorySize(256)
                .environment(e -> e.variables(Map.of("GREETING", "Hello"))).build());

        LambdaFunction function = emulator.lambda().findFunction("us-west-2",
                "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld").orElseThrow();

        assertThat(function.name()).isEqualTo("HelloWorld");
        assertThat(function.region()).isEqualTo("us-east-1");
        assertThat(function.arn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:HelloWorld");
        assertThat(function.runtime()).isEqualTo("nodejs20.x");
        assertThat(function.handler()).isEqualTo("index.handler");
        assertThat(function.timeoutSeconds()).isEqualTo(10);
        assertThat(function.memorySizeMb()).isEqualTo(256);
        assertThat(function.environment()).containsExactlyEntriesOf(Map.of("GREETING", "Hello"));
        assertThat(function.zip()).isEqualTo(code);
        assertThat(emulator.lambda().findFunction("us-east-1", "HelloWorld")).contains(function);
        assertThat(emulator.lambda().findFunction("us-east-1", "123456789012:function:HelloWorld")).contains(function);
    }

    @Test
    void aSnapshotCannotBeChangedByItsReader() {
        lambda.createFunction(LambdaTestSupport.nodeFunction("HelloWorld").build());
        LambdaFunction function = emulator.lambda().findFunction("us-east-1", "HelloWorld").orElseThrow();

        function.zip()[0] = 0;

        assertThat(function.zip()[0]).isEqualTo((byte) 'P');
        assertThatThrownBy(() -> function.environment().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownMalformedAndOtherAccountNamesFindNothing() {
        lambda.createFunction(LambdaTestSupport.nodeFunction("HelloWorld").build());

        assertThat(emulator.lambda().findFunction("us-west-2", "HelloWorld")).isEmpty();
        assertThat(emulator.lambda().findFunction("us-east-1", "Other")).isEmpty();
        assertThat(emulator.lambda().findFunction("us-east-1", "not a name")).isEmpty();
        assertThat(emulator.lambda().findFunction("us-east-1", "210987654321:function:HelloWorld")).isEmpty();
        assertThat(emulator.lambda().findFunction("us-east-1", "HelloWorld:1")).isEmpty();
    }

    @Test
    void thePolicyTellsWhetherApiGatewayMayInvoke() {
        lambda.createFunction(LambdaTestSupport.nodeFunction("HelloWorld").build());
        assertThat(policy().allowsInvoke("apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:123456789012:te6si5ach7/test/GET/greeting", "123456789012")).isFalse();

        lambda.addPermission(r -> r.functionName("HelloWorld").statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn(SOURCE_ARN));

        assertThat(policy().allowsInvoke("apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:123456789012:te6si5ach7/test/GET/greeting", "123456789012")).isTrue();
        assertThat(policy().allowsInvoke("apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:123456789012:otherapi00/test/GET/greeting", "123456789012")).isFalse();
        assertThat(policy().allowsInvoke("apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:123456789012:te6si5ach7/test/POST/greeting", "123456789012")).isFalse();
        assertThat(policy().allowsInvoke("events.amazonaws.com",
                "arn:aws:execute-api:us-east-1:123456789012:te6si5ach7/test/GET/greeting", "123456789012")).isFalse();
    }

    private PolicyDocument policy() {
        return emulator.lambda().findFunction("us-east-1", "HelloWorld").orElseThrow().policy();
    }
}
