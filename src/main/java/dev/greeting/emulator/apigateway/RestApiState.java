package dev.greeting.emulator.apigateway;

import dev.greeting.emulator.apigateway.model.ApiSnapshot;
import dev.greeting.emulator.apigateway.model.Deployment;
import dev.greeting.emulator.apigateway.model.Method;
import dev.greeting.emulator.apigateway.model.RequestValidator;
import dev.greeting.emulator.apigateway.model.Resource;
import dev.greeting.emulator.apigateway.model.RestApi;
import dev.greeting.emulator.apigateway.model.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one REST API holds. Not thread-safe by itself: every access goes through
 * {@link ApiGatewayStore#withApi}, which holds this object's monitor, so each operation sees and
 * leaves a consistent API. The values are immutable records; only these maps change.
 */
final class RestApiState {
    final String region;
    /** Creation order, which GetRestApis keeps. */
    final long sequence;
    /** Read without the lock by GetRestApis: an immutable record behind a volatile reference. */
    volatile RestApi api;
    final Map<String, Resource> resources = new LinkedHashMap<>();
    final Map<String, Deployment> deployments = new LinkedHashMap<>();
    final Map<String, ApiSnapshot> snapshots = new HashMap<>();
    final Map<String, Stage> stages = new LinkedHashMap<>();
    final Map<String, RequestValidator> validators = new LinkedHashMap<>();
    boolean deleted;

    RestApiState(String region, long sequence, RestApi api, Resource root) {
        this.region = region;
        this.sequence = sequence;
        this.api = api;
        resources.put(root.id(), root);
    }

    String id() {
        return api.id();
    }

    Resource resource(String resourceId) {
        Resource resource = resources.get(resourceId);
        if (resource == null) {
            throw Errors.resourceNotFound();
        }
        return resource;
    }

    Method method(String resourceId, String httpMethod) {
        return resource(resourceId).method(httpMethod).orElseThrow(Errors::methodNotFound);
    }

    void putMethod(String resourceId, Method method) {
        resources.put(resourceId, resource(resourceId).withMethod(method));
    }

    String newChildId() {
        return Ids.unique(Ids.CHILD, id -> resources.containsKey(id) || deployments.containsKey(id)
                || validators.containsKey(id));
    }

    List<Resource> children(String parentId) {
        return resources.values().stream().filter(r -> parentId.equals(r.parentId())).toList();
    }

    /** Resources in AWS's listing order: by path. */
    List<Resource> resourcesByPath() {
        List<Resource> list = new ArrayList<>(resources.values());
        list.sort(Comparator.comparing(Resource::path));
        return list;
    }

    /** Recomputes every resource's path after a path part or parent changed. */
    void refreshPaths() {
        Map<String, String> paths = new HashMap<>();
        for (Resource r : List.copyOf(resources.values())) {
            resources.put(r.id(), r.withPath(pathOf(r, paths)));
        }
    }

    private String pathOf(Resource r, Map<String, String> memo) {
        if (r.isRoot()) {
            return "/";
        }
        String cached = memo.get(r.id());
        if (cached != null) {
            return cached;
        }
        String parent = pathOf(resources.get(r.parentId()), memo);
        String path = ("/".equals(parent) ? "/" : parent + "/") + r.pathPart();
        memo.put(r.id(), path);
        return path;
    }

    /** The whole configuration as it is now; immutable, so a deployment can keep it as is. */
    ApiSnapshot snapshot(Instant at) {
        return new ApiSnapshot(api, resourcesByPath(), validators, at);
    }

    boolean hasStagePointingAt(String deploymentId) {
        return stages.values().stream().anyMatch(s -> deploymentId.equals(s.deploymentId()));
    }
}
