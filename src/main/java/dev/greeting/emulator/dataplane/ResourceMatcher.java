package dev.greeting.emulator.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the resource a request path addresses, as API Gateway does: a literal path part beats a
 * {@code {name}} part, which beats a greedy {@code {name+}} part (which takes the rest of the
 * path, at least one segment); the path parameters are the matched segments.
 */
public final class ResourceMatcher {
    private static final int LITERAL = 2;
    private static final int VARIABLE = 1;
    private static final int GREEDY = 0;

    /** A matched resource and its path parameters. */
    public record Match<T>(T resource, Map<String, String> pathParams) {}

    private ResourceMatcher() {}

    /**
     * @param resources    candidates
     * @param pathTemplate a candidate's path, e.g. {@code /pets/{id}} or {@code /}
     * @param requestPath  the path below the stage, e.g. {@code /pets/42} (decoded)
     */
    public static <T> Optional<Match<T>> match(List<T> resources, Function<T, String> pathTemplate, String requestPath) {
        List<String> segments = split(requestPath);
        Match<T> best = null;
        List<Integer> bestRank = null;
        for (T resource : resources) {
            List<String> template = split(pathTemplate.apply(resource));
            Map<String, String> params = new LinkedHashMap<>();
            List<Integer> rank = new ArrayList<>();
            if (matches(template, segments, params, rank) && (bestRank == null || compare(rank, bestRank) > 0)) {
                best = new Match<>(resource, params);
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean matches(List<String> template, List<String> segments, Map<String, String> params,
                                   List<Integer> rank) {
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            boolean variable = part.startsWith("{") && part.endsWith("}");
            if (variable && part.endsWith("+}")) {
                if (i >= segments.size() || i != template.size() - 1) {
                    return false;
                }
                params.put(part.substring(1, part.length() - 2), String.join("/", segments.subList(i, segments.size())));
                rank.add(GREEDY);
                return true;
            }
            if (i >= segments.size()) {
                return false;
            }
            if (variable) {
                params.put(part.substring(1, part.length() - 1), segments.get(i));
                rank.add(VARIABLE);
            } else if (part.equals(segments.get(i))) {
                rank.add(LITERAL);
            } else {
                return false;
            }
        }
        return template.size() == segments.size();
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        if (path == null) {
            return parts;
        }
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts;
    }
}
