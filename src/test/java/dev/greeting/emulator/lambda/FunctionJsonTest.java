package dev.greeting.emulator.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionJsonTest {
    private static final LambdaFunction FUNCTION = new LambdaFunction("us-east-1", "HelloWorld",
            FunctionRef.functionArn("us-east-1", "HelloWorld"), "nodejs20.x", LambdaTestSupport.ROLE, "index.handler", "",
            3, 128, Map.of(), Map.of(), "x86_64", LambdaTestSupport.helloZip(), "sha", Instant.parse("2024-01-01T12:00:00Z"),
            "rev-1", PolicyDocument.EMPTY);

    @Test
    void lastModifiedUsesLambdasFormat() {
        assertThat(FunctionJson.configuration(FUNCTION).get("LastModified").asText()).isEqualTo("2024-01-01T12:00:00.000+0000");
    }

    @Test
    void listFunctionsLeavesOutTheStateFields() {
        ObjectNode full = FunctionJson.configuration(FUNCTION);
        ObjectNode listed = FunctionJson.listed(FUNCTION);

        assertThat(full.has("State")).isTrue();
        assertThat(full.has("LastUpdateStatus")).isTrue();
        assertThat(listed.has("State")).isFalse();
        assertThat(listed.has("LastUpdateStatus")).isFalse();
        assertThat(listed.get("FunctionArn")).isEqualTo(full.get("FunctionArn"));
        assertThat(full.has("Environment")).as("no variables, no Environment member").isFalse();
    }
}
