package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.sandbox.GreetingProbe;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * End to end through the operator's request template: a greeter with quotes, a backslash and a
 * newline, sent in the query string of the invoke URL, reaches the function as exactly that
 * string, under the {@code greeter} key whatever the query parameter is called.
 */
class GreeterEscapingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Answers with the event it got, so the test sees what the mapping template made of the request. */
    private static final String ECHO_JS = "exports.handler = async (event) => event;\n";

    @Test
    void aGreeterWithQuotesBackslashAndNewlineReachesTheFunctionIntact() throws IOException {
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.lambda.createFunction(b -> b.functionName("Echo").runtime(Runtime.NODEJS20_X)
                    .role("arn:aws:iam::" + OperatorHarness.ACCOUNT + ":role/lambda-basic-execution").handler("index.handler")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(OperatorHarness.zip("index.js", ECHO_JS))))).functionArn();
            h.create(greetingApi("escaping", function, s -> s.setGreeterParameter("who")));
            String invokeUrl = h.awaitReady("escaping").getStatus().getInvokeUrl();

            String greeter = "it's \"me\", C:\\temp\nsecond line \u00e9 \uD83D\uDE00 $input.body #set($x = 1)";
            GreetingProbe.Answer answer = GreetingProbe.greet(invokeUrl, "who", greeter);

            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            JsonNode event = JSON.readTree(answer.body());
            assertThat(event.size()).as("the event: %s", event).isEqualTo(1);
            assertThat(event.path("greeter").asText()).isEqualTo(greeter);

            // absent: the key is still sent, empty (the sample function then greets the world)
            GreetingProbe.Answer absent = GreetingProbe.greet(invokeUrl, "someoneElse", greeter);
            assertThat(JSON.readTree(absent.body()).path("greeter").isTextual()).as("%s", absent).isTrue();
            assertThat(JSON.readTree(absent.body()).path("greeter").asText()).isEmpty();
        }
    }
}
