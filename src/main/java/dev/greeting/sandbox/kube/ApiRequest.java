package dev.greeting.sandbox.kube;

import java.util.List;
import java.util.Map;

/** One HTTP request to the sandbox API server, decoded: the query parameters are URL-decoded. */
record ApiRequest(String method, String path, Map<String, List<String>> query, String accept, String contentType,
                  String body) {

    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean isWatch() {
        String watch = param("watch");
        return "true".equalsIgnoreCase(watch) || "1".equals(watch);
    }

    boolean dryRun() {
        return query.containsKey("dryRun");
    }
}
