package dev.greeting.emulator.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request validator's parameter check: every {@code method.request.(querystring|header|path).NAME}
 * declared required must be present. API Gateway answers a miss with 400
 * {@code Missing required request parameters: [a, b]}.
 */
public final class RequiredParameters {
    private static final String QUERY = "method.request.querystring.";
    private static final String HEADER = "method.request.header.";
    private static final String PATH = "method.request.path.";
    private RequiredParameters() {}

    public static List<String> missing(Map<String, Boolean> declared, Map<String, String> query,
                                       Map<String, String> headers, Map<String, String> path) {
        List<String> missing = new ArrayList<>();
        for (var e : declared.entrySet()) {
            if (!Boolean.TRUE.equals(e.getValue())) {
                continue;
            }
            String key = e.getKey();
            String name;
            boolean present;
            if (key.startsWith(QUERY)) {
                name = key.substring(QUERY.length());
                present = query.containsKey(name);
            } else if (key.startsWith(HEADER)) {
                name = key.substring(HEADER.length());
                present = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
            } else if (key.startsWith(PATH)) {
                name = key.substring(PATH.length());
                present = path.get(name) != null && !path.get(name).isEmpty();
            } else {
                continue;
            }
            if (!present) {
                missing.add(name);
            }
        }
        return missing;
    }

    public static String message(List<String> missing) {
        return "Missing required request parameters: [" + String.join(", ", missing) + "]";
    }
}
