package dev.greeting.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The design's manual recipe for one GreetingApi: the calls a REST API in front of a function needs
 * when nothing exists yet. The quota lower bound and the sequential peer both use it, so the
 * operator is measured against the work, not against its own way of doing it.
 */
public final class Recipe {
    /** API Gateway calls of one API, in order. */
    public static final Map<String, Integer> API_GATEWAY = ordered(
            "CreateRestApi", "GetResources", "CreateResource", "PutMethod", "PutMethodResponse", "PutIntegration",
            "PutIntegrationResponse", "CreateDeployment");
    /** Lambda calls of one API (the invoke permission). */
    public static final Map<String, Integer> LAMBDA = ordered("AddPermission");
    /** Deleting one API: its REST API and the permission. */
    public static final Map<String, Integer> DELETE_API_GATEWAY = ordered("DeleteRestApi");
    public static final Map<String, Integer> DELETE_LAMBDA = ordered("RemovePermission");

    private Recipe() {
    }

    public static int callsPerApi() {
        return API_GATEWAY.values().stream().mapToInt(Integer::intValue).sum()
                + LAMBDA.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<String, Integer> ordered(String... operations) {
        Map<String, Integer> calls = new LinkedHashMap<>();
        for (String op : operations) {
            calls.merge(op, 1, Integer::sum);
        }
        return Map.copyOf(calls);
    }
}
