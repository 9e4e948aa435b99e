package dev.greeting.emulator.dataplane;

import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the gateway answers a method call: status, headers and body, or one of its own errors. */
public record GatewayResponse(int status, Map<String, String> headers, String body) {

    /** A gateway error as API Gateway writes it: {@code {"message": ...}} and {@code x-amzn-ErrorType}. */
    static GatewayResponse error(int status, String errorType, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-amzn-ErrorType", errorType);
        return new GatewayResponse(status, headers, Json.writeString(Json.object().put("message", message)));
    }

    static GatewayResponse missingAuthenticationToken() {
        return error(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    static GatewayResponse internalServerError() {
        return error(500, "InternalServerErrorException", "Internal server error");
    }

    ApiResponse toApiResponse() {
        return new ApiResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
