package dev.greeting.emulator.dataplane;

import com.jayway.jsonpath.JsonPath;
import java.util.Map;

/**
 * An integration response's header mappings, {@code method.response.header.NAME} ← a quoted
 * literal ({@code 'value'}), {@code integration.response.body} or
 * {@code integration.response.body.JSONPATH}, or {@code stageVariables.NAME}.
 */
final class ResponseParameters {
    private static final String HEADER = "method.response.header.";
    private static final String BODY = "integration.response.body";

    private ResponseParameters() {}

    static void apply(Map<String, String> mappings, String payload, Map<String, String> stageVariables,
                      Map<String, String> headers) {
        if (mappings == null) {
            return;
        }
        mappings.forEach((target, source) -> {
            if (target.startsWith(HEADER) && source != null) {
                String value = value(source.trim(), payload, stageVariables);
                if (value != null) {
                    headers.put(target.substring(HEADER.length()), value);
                }
            }
        });
    }

    private static String value(String source, String payload, Map<String, String> stageVariables) {
        if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
            return source.substring(1, source.length() - 1);
        }
        if (source.equals(BODY)) {
            return payload;
        }
        if (source.startsWith(BODY + ".")) {
            try {
                Object v = JsonPath.read(payload, "$." + source.substring(BODY.length() + 1));
                return v == null ? null : v.toString();
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (source.startsWith("stageVariables.")) {
            return stageVariables.get(source.substring("stageVariables.".length()));
        }
        return null;
    }
}
