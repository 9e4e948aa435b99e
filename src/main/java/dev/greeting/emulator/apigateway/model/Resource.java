package dev.greeting.emulator.apigateway.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Resource shape: one path part under its parent, its full path, and its methods keyed by
 * HTTP method. The root resource has no parent and no path part; its path is {@code /}.
 */
public record Resource(String id, String parentId, String pathPart, String path, Map<String, Method> resourceMethods) {

    public Resource {
        // AWS omits the member for a resource without methods
        resourceMethods = resourceMethods == null || resourceMethods.isEmpty() ? null : Immutable.map(resourceMethods);
    }

    /** The methods, never null. */
    public Map<String, Method> methods() {
        return resourceMethods == null ? Map.of() : resourceMethods;
    }

    public Optional<Method> method(String httpMethod) {
        return Optional.ofNullable(methods().get(httpMethod));
    }

    @JsonIgnore
    public boolean isRoot() {
        return parentId == null;
    }

    /** True for a {@code {name}} or {@code {name+}} path part. */
    @JsonIgnore
    public boolean isVariable() {
        return pathPart != null && pathPart.startsWith("{");
    }

    /** True for a {@code {name+}} path part, which takes the rest of the request path. */
    @JsonIgnore
    public boolean isGreedy() {
        return pathPart != null && pathPart.endsWith("+}");
    }

    public Resource withMethod(Method method) {
        Map<String, Method> copy = new LinkedHashMap<>(methods());
        copy.put(method.httpMethod(), method);
        return new Resource(id, parentId, pathPart, path, copy);
    }

    public Resource withoutMethod(String httpMethod) {
        Map<String, Method> copy = new LinkedHashMap<>(methods());
        copy.remove(httpMethod);
        return new Resource(id, parentId, pathPart, path, copy);
    }

    public Resource withPath(String newPath) {
        return new Resource(id, parentId, pathPart, newPath, resourceMethods);
    }

    /** The resource as GetResources lists it without {@code embed=methods}: method names mapped to empty objects. */
    public Resource summary() {
        Map<String, Method> names = new LinkedHashMap<>();
        methods().keySet().forEach(m -> names.put(m, Method.NAME_ONLY));
        return new Resource(id, parentId, pathPart, path, names);
    }
}
