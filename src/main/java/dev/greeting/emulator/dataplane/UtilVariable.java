package dev.greeting.emulator.dataplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** {@code $util}: API Gateway's mapping-template utility functions. Public because Velocity calls it. */
public final class UtilVariable {

    /**
     * JavaScript string escaping as API Gateway does it (Commons Lang's escapeJavaScript): quotes,
     * backslash and slash get a backslash, control and non-ASCII characters become escapes. Note
     * that {@code '} becomes {@code \'}, which is not valid JSON; AWS documents this.
     */
    public String escapeJavaScript(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch > 0x7f) {
                out.append("\\u").append(hex4(ch));
            } else if (ch < 32) {
                switch (ch) {
                    case '\b' -> out.append("\\b");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\f' -> out.append("\\f");
                    case '\r' -> out.append("\\r");
                    default -> out.append("\\u").append(hex4(ch));
                }
            } else {
                switch (ch) {
                    case '\'' -> out.append("\\'");
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '/' -> out.append("\\/");
                    default -> out.append(ch);
                }
            }
        }
        return out.toString();
    }

    private static String hex4(char ch) {
        String hex = Integer.toHexString(ch).toUpperCase(Locale.ENGLISH);
        return "0".repeat(4 - hex.length()) + hex;
    }

    /** "stringified" JSON to objects VTL can navigate. */
    public Object parseJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return InputVariable.JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new MappingTemplateException(500, "Invalid JSON in $util.parseJson: " + e.getOriginalMessage(), e);
        }
    }

    /** application/x-www-form-urlencoded encoding. */
    public String urlEncode(String value) {
        return value == null ? null : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public String urlDecode(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    public String base64Encode(String value) {
        return value == null ? null : Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(String value) {
        return value == null ? null : new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8);
    }
}
