package dev.greeting.emulator.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One invocation's outcome as Lambda's Invoke reports it: the response payload (JSON), and for a
 * failed invocation the {@code X-Amz-Function-Error} value ({@code Unhandled}) with a payload of
 * {@code errorMessage}/{@code errorType}/{@code trace}. {@code logs} holds the execution log
 * (START, the function's output, END, REPORT) as CloudWatch would receive it.
 */
public record InvocationResult(String requestId, byte[] payload, String functionError, String logs) {

    public static final String UNHANDLED = "Unhandled";

    public boolean failed() {
        return functionError != null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The errorMessage of a failed invocation: what API Gateway matches selection patterns against. */
    public Optional<String> errorMessage() {
        if (!failed()) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(payload);
            JsonNode message = node == null ? null : node.get("errorMessage");
            return Optional.of(message == null || message.isNull() ? "" : message.asText());
        } catch (IOException e) {
            return Optional.of(payloadText());
        }
    }

    /** The last 4 KB of the log, as Invoke returns it base64-encoded in X-Amz-Log-Result. */
    public String logTail() {
        byte[] bytes = logs.getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, bytes.length - 4096);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}
