package dev.greeting.emulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation's route: HTTP method plus a URI template as the service model writes it
 * ({@code /restapis/{restapi_id}/resources}; a trailing {@code {name+}} takes the rest of the path).
 * An optional required query parameter tells apart operations sharing a URI, e.g. ImportRestApi's
 * {@code ?mode=import}.
 */
public record Route(Service service, String operation, String method, List<String> segments,
                    String requiredQuery, Handler handler) {

    public static Route of(Service service, String operation, String method, String template, Handler handler) {
        String path = template;
        String requiredQuery = null;
        int q = template.indexOf('?');
        if (q >= 0) {
            path = template.substring(0, q);
            requiredQuery = template.substring(q + 1);
        }
        return new Route(service, operation, method, split(path), requiredQuery, handler);
    }

    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts;
    }

    /** Literal segments outrank parameters, so {@code /restapis/{id}/stages} beats a greedy route. */
    int specificity() {
        int literal = 0;
        for (String s : segments) {
            if (!s.startsWith("{")) {
                literal++;
            }
        }
        return literal * 100 + segments.size() + (requiredQuery != null ? 1000 : 0);
    }

    /** Matches raw (still percent-encoded) path segments; returns decoded path parameters. */
    Optional<Map<String, String>> match(List<String> rawSegments, Map<String, List<String>> query) {
        if (requiredQuery != null && !queryMatches(query)) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String t = segments.get(i);
            if (t.startsWith("{") && t.endsWith("+}")) {
                if (i >= rawSegments.size()) {
                    return Optional.empty();
                }
                List<String> rest = rawSegments.subList(i, rawSegments.size());
                List<String> decoded = rest.stream().map(PercentDecoder::decode).toList();
                params.put(t.substring(1, t.length() - 2), String.join("/", decoded));
                return Optional.of(params);
            }
            if (i >= rawSegments.size()) {
                return Optional.empty();
            }
            String raw = rawSegments.get(i);
            if (t.startsWith("{")) {
                params.put(t.substring(1, t.length() - 1), PercentDecoder.decode(raw));
            } else if (!t.equals(raw)) {
                return Optional.empty();
            }
        }
        return segments.size() == rawSegments.size() ? Optional.of(params) : Optional.empty();
    }

    private boolean queryMatches(Map<String, List<String>> query) {
        int eq = requiredQuery.indexOf('=');
        String name = eq < 0 ? requiredQuery : requiredQuery.substring(0, eq);
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return false;
        }
        return eq < 0 || values.contains(requiredQuery.substring(eq + 1));
    }
}
