package dev.greeting.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, headers and body bytes. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    public static ApiResponse json(int status, Object value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new ApiResponse(status, headers, Json.write(value));
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, new LinkedHashMap<>(), new byte[0]);
    }

    public static ApiResponse text(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new ApiResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }

    /** Renders an error as the service does: API Gateway writes {@code message}, Lambda {@code Type} and {@code Message}. */
    public static ApiResponse error(Service service, AwsException e) {
        var body = Json.object();
        if (service == Service.LAMBDA) {
            body.put("Type", e.status() >= 500 ? "Service" : "User");
            body.put("Message", e.getMessage());
        } else {
            body.put("message", e.getMessage());
        }
        ApiResponse response = json(e.status(), body).withHeader("x-amzn-ErrorType", e.errorType());
        for (var h : e.headers().entrySet()) {
            response = response.withHeader(h.getKey(), h.getValue());
        }
        return response;
    }
}
