package dev.greeting.emulator.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.ApiRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a request body's members. A member of the wrong JSON type fails as AWS's front
 * end does (SerializationException); a missing required member is a BadRequestException naming it.
 */
final class Input {
    private final JsonNode body;
    private final String inputName;

    private Input(JsonNode body, String inputName) {
        this.body = body;
        this.inputName = inputName;
    }

    /** {@code inputName} is the model's input structure in lower camel case, e.g. {@code createRestApiInput}. */
    static Input of(ApiRequest request, String inputName) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            throw Errors.serialization("Start of structure or map found where not expected");
        }
        return new Input(body, inputName);
    }

    boolean has(String member) {
        JsonNode node = body.get(member);
        return node != null && !node.isNull();
    }

    String string(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(node, "String");
        }
        return node.textValue();
    }

    String requiredString(String member) {
        String value = string(member);
        if (value == null) {
            throw Errors.missingMember(inputName + "." + member);
        }
        return value;
    }

    Boolean bool(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(node, "Boolean");
        }
        return node.booleanValue();
    }

    Integer integer(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw wrongType(node, "Integer");
        }
        return node.intValue();
    }

    Map<String, String> stringMap(String member) {
        JsonNode node = object(member);
        if (node == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var e : node.properties()) {
            JsonNode v = e.getValue();
            if (!v.isNull() && !v.isTextual()) {
                throw wrongType(v, "String");
            }
            map.put(e.getKey(), v.isNull() ? null : v.textValue());
        }
        return map;
    }

    Map<String, Boolean> boolMap(String member) {
        JsonNode node = object(member);
        if (node == null) {
            return null;
        }
        Map<String, Boolean> map = new LinkedHashMap<>();
        for (var e : node.properties()) {
            JsonNode v = e.getValue();
            if (!v.isBoolean()) {
                throw wrongType(v, "Boolean");
            }
            map.put(e.getKey(), v.booleanValue());
        }
        return map;
    }

    List<String> stringList(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw wrongType(node, "List");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                throw wrongType(v, "String");
            }
            list.add(v.textValue());
        }
        return list;
    }

    /** A nested structure as its own input, e.g. {@code endpointConfiguration}. */
    Input structure(String member) {
        JsonNode node = object(member);
        return node == null ? null : new Input(node, inputName + "." + member);
    }

    private JsonNode object(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw wrongType(node, "Map");
        }
        return node;
    }

    private static RuntimeException wrongType(JsonNode node, String expected) {
        String found = node.isTextual() ? "java.lang.String" : node.isBoolean() ? "java.lang.Boolean"
                : node.isNumber() ? "java.lang.Number" : node.isArray() ? "java.util.List" : "java.util.Map";
        return Errors.serialization("class " + found + " can not be converted to an " + expected);
    }
}
