package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What the sandbox API server answers: a JSON body, its content type and any Warning headers. */
record ApiResponse(int code, String contentType, String body, List<String> warnings) {

    static ApiResponse json(int code, JsonNode body) {
        return new ApiResponse(code, "application/json", KubeJson.write(body), List.of());
    }

    static ApiResponse json(int code, JsonNode body, String contentType) {
        return new ApiResponse(code, contentType, KubeJson.write(body), List.of());
    }

    static ApiResponse text(int code, String body) {
        return new ApiResponse(code, "text/plain; charset=utf-8", body, List.of());
    }

    ApiResponse withWarnings(List<String> more) {
        return new ApiResponse(code, contentType, body, more);
    }
}
