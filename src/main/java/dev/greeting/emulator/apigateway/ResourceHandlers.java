package dev.greeting.emulator.apigateway;

import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.STRING;

import dev.greeting.emulator.apigateway.model.Resource;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/** GetResources, GetResource, CreateResource, UpdateResource, DeleteResource. */
final class ResourceHandlers {
    /** A literal path part, or a {@code {name}} / {@code {name+}} path variable. */
    private static final Pattern PATH_PART = Pattern.compile("[A-Za-z0-9._~-]+|\\{[A-Za-z0-9._-]+\\+?}");
    private static final String BAD_PATH_PART = "Resource's path part only allow a-zA-Z0-9._- and curly braces at the "
            + "beginning and the end and an optional plus sign before the closing brace.";

    private static final PatchOperations.Rules PATCHABLE = PatchOperations.Rules.listingSupportedPaths()
            .member("/parentId", STRING)
            .member("/pathPart", STRING);

    private final ApiGatewayStore store;

    ResourceHandlers(ApiGatewayStore store) {
        this.store = store;
    }

    void register(Router router) {
        router.add(Service.APIGATEWAY, "GetResources", "GET", "/restapis/{restapi_id}/resources", this::list);
        router.add(Service.APIGATEWAY, "GetResource", "GET", "/restapis/{restapi_id}/resources/{resource_id}", this::get);
        router.add(Service.APIGATEWAY, "CreateResource", "POST", "/restapis/{restapi_id}/resources/{parent_id}", this::create);
        router.add(Service.APIGATEWAY, "UpdateResource", "PATCH", "/restapis/{restapi_id}/resources/{resource_id}", this::update);
        router.add(Service.APIGATEWAY, "DeleteResource", "DELETE", "/restapis/{restapi_id}/resources/{resource_id}", this::delete);
    }

    /** {@code embed=methods} asks for each method in full; otherwise AWS lists method names with empty objects. */
    static boolean embedsMethods(ApiRequest request) {
        return request.queryParams("embed").stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(v -> v.trim().equals("methods"));
    }

    static Resource view(Resource resource, boolean embedMethods) {
        return embedMethods ? resource : resource.summary();
    }

    private ApiResponse list(ApiRequest request) {
        String apiId = request.path("restapi_id");
        boolean embed = embedsMethods(request);
        return store.withApi(request.region(), apiId, () -> Errors.apiNotFound(apiId), state -> {
            List<Resource> all = state.resourcesByPath().stream().map(r -> view(r, embed)).toList();
            return ApiResponse.json(200, Page.of(all, request));
        });
    }

    private ApiResponse get(ApiRequest request) {
        boolean embed = embedsMethods(request);
        return withApi(request, state -> ApiResponse.json(200, view(state.resource(request.path("resource_id")), embed)));
    }

    private ApiResponse create(ApiRequest request) {
        Input in = Input.of(request, "createResourceInput");
        String pathPart = in.requiredString("pathPart");
        return withApi(request, state -> {
            Resource parent = state.resource(request.path("parent_id"));
            checkPlacement(state, parent, pathPart, null);
            Resource created = new Resource(state.newChildId(), parent.id(), pathPart, childPath(parent, pathPart), null);
            state.resources.put(created.id(), created);
            return ApiResponse.json(201, created);
        });
    }

    private ApiResponse update(ApiRequest request) {
        var ops = PatchOperations.read(request, "updateResourceInput");
        return withApi(request, state -> {
            Resource current = state.resource(request.path("resource_id"));
            if (current.isRoot()) {
                for (var op : ops) {
                    if ("/pathPart".equals(op.path())) {
                        throw AwsException.badRequest("Root resource cannot update its pathPart.");
                    }
                    if ("/parentId".equals(op.path())) {
                        throw AwsException.badRequest("Root resource cannot update its parentId.");
                    }
                }
            }
            Resource patched = PatchOperations.toRecord(
                    PatchOperations.apply(PatchOperations.toJson(current.summary()), ops, PATCHABLE), Resource.class);
            if (!current.isRoot()) {
                if (patched.pathPart() == null || patched.parentId() == null) {
                    throw AwsException.badRequest("Invalid patch value: pathPart and parentId are required");
                }
                Resource parent = state.resource(patched.parentId());
                if (createsCycle(state, current.id(), parent)) {
                    throw AwsException.badRequest("Resources cannot be cyclical.");
                }
                checkPlacement(state, parent, patched.pathPart(), current.id());
            }
            state.resources.put(current.id(), new Resource(current.id(), patched.parentId(), patched.pathPart(),
                    current.path(), current.resourceMethods()));
            state.refreshPaths();
            return ApiResponse.json(200, state.resource(current.id()).summary());
        });
    }

    private ApiResponse delete(ApiRequest request) {
        return withApi(request, state -> {
            Resource resource = state.resource(request.path("resource_id"));
            if (resource.isRoot()) {
                throw AwsException.badRequest("Cannot delete root resource");
            }
            Deque<String> pending = new ArrayDeque<>(List.of(resource.id()));
            while (!pending.isEmpty()) {
                String id = pending.pop();
                state.children(id).forEach(child -> pending.push(child.id()));
                state.resources.remove(id);
            }
            return ApiResponse.empty(202);
        });
    }

    /** Item operations on an unknown API answer as for an unknown resource, as AWS does. */
    private <T> T withApi(ApiRequest request, Function<RestApiState, T> action) {
        return store.withApi(request.region(), request.path("restapi_id"), Errors::resourceNotFound, action);
    }

    /**
     * AWS's rules for a path part under a parent: well-formed, no child under a greedy variable,
     * no sibling with the same name, at most one variable and one greedy variable among siblings.
     */
    private static void checkPlacement(RestApiState state, Resource parent, String pathPart, String movingId) {
        if (!PATH_PART.matcher(pathPart).matches()) {
            throw AwsException.badRequest(BAD_PATH_PART);
        }
        if (parent.isGreedy()) {
            throw AwsException.badRequest("Cannot create a child of a resource with a greedy path variable: " + parent.pathPart());
        }
        boolean variable = pathPart.startsWith("{");
        boolean greedy = pathPart.endsWith("+}");
        for (Resource sibling : state.children(parent.id())) {
            if (Objects.equals(sibling.id(), movingId)) {
                continue;
            }
            if (sibling.pathPart().equals(pathPart)) {
                throw AwsException.conflict("Another resource with the same parent already has this name: " + pathPart);
            }
            if (variable && sibling.isVariable() && sibling.isGreedy() == greedy) {
                throw AwsException.badRequest("A sibling (" + sibling.pathPart()
                        + ") of this resource already has a variable path part -- only one is allowed");
            }
        }
    }

    private static boolean createsCycle(RestApiState state, String movingId, Resource newParent) {
        for (Resource r = newParent; r != null; r = r.isRoot() ? null : state.resources.get(r.parentId())) {
            if (r.id().equals(movingId)) {
                return true;
            }
        }
        return false;
    }

    private static String childPath(Resource parent, String pathPart) {
        return ("/".equals(parent.path()) ? "/" : parent.path() + "/") + pathPart;
    }
}
