package dev.greeting.emulator.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample function in examples/hello-world-function, run as Lambda would run it. */
class HelloWorldFunctionTest {
    private static LambdaRuntime runtime;
    private static FunctionSpec helloWorld;

    @BeforeAll
    static void start() {
        runtime = new LambdaRuntime();
        helloWorld = FunctionSpec.node("HelloWorld", "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld",
                "index.handler", Duration.ofSeconds(3), DirectoryZip.of(Path.of("examples/hello-world-function")));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static InvocationResult invoke(String event) {
        return runtime.invoke(helloWorld, event.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void greetsTheGreeter() {
        assertThat(invoke("{\"greeter\":\"me\"}").payloadText())
                .isEqualTo("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"*/*\"},\"body\":\"Hello, me!\"}");
    }

    @Test
    void greetsTheWorldForAnEmptyGreeter() {
        assertThat(invoke("{\"greeter\":\"\"}").payloadText()).contains("\"body\":\"Hello, World\"");
    }

    @Test
    void failsWithoutAGreeter() {
        InvocationResult result = invoke("{}");
        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(result.errorMessage()).contains("Missing the required greeter parameter.");
    }
}
