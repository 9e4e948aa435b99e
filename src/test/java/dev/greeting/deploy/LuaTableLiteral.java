package dev.greeting.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON tree written as a Lua 5.1 table constructor, the way Argo CD hands a Kubernetes
 * object to a health script: objects become tables with string keys, arrays 1-based
 * sequences, JSON null is nil, numbers are Lua numbers. Output is pure ASCII: other bytes
 * are written as \ddd escapes, so any message text survives.
 */
final class LuaTableLiteral {
    private LuaTableLiteral() {}

    static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("nil");
        } else if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append('[');
                string(field.getKey(), out);
                out.append("]=");
                write(field.getValue(), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('{');
            for (JsonNode element : node) {
                write(element, out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(node.doubleValue());
        } else {
            string(node.asText(), out);
        }
    }

    /** A double-quoted Lua string literal of the text's UTF-8 bytes. */
    static String string(String text) {
        StringBuilder out = new StringBuilder();
        string(text, out);
        return out.toString();
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                // Three digits always: "\0" followed by a digit would otherwise be misread.
                out.append('\\').append(String.format("%03d", c));
            }
        }
        out.append('"');
    }
}
