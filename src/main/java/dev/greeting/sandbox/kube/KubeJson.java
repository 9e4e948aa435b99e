package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON helpers for the sandbox API server: one mapper, strict parsing into trees. */
final class KubeJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private KubeJson() {
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ApiException(Statuses.badRequest("the body of the request was in an unknown format: "
                    + e.getOriginalMessage()));
        }
    }

    static ObjectNode parseObject(String json) {
        JsonNode node = parse(json == null || json.isBlank() ? "null" : json);
        if (!(node instanceof ObjectNode object)) {
            throw new ApiException(Statuses.badRequest("the body of the request must be a JSON object"));
        }
        return object;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
