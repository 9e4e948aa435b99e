package dev.greeting.emulator.apigateway;

import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.BOOLEAN;
import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.STRING;

import dev.greeting.emulator.apigateway.model.EndpointConfiguration;
import dev.greeting.emulator.apigateway.model.Resource;
import dev.greeting.emulator.apigateway.model.RestApi;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi. */
final class RestApiHandlers {
    private static final Set<String> ENDPOINT_TYPES = Set.of("EDGE", "REGIONAL", "PRIVATE");
    private static final Set<String> API_KEY_SOURCES = Set.of("HEADER", "AUTHORIZER");
    private static final int MAX_COMPRESSION_SIZE = 10_485_760;
    private static final String BAD_COMPRESSION_SIZE =
            "Invalid minimum compression size, must be between 0 and " + MAX_COMPRESSION_SIZE;

    private static final PatchOperations.Rules PATCHABLE = PatchOperations.Rules.terse()
            .member("/name", STRING)
            .member("/description", STRING)
            .member("/version", STRING)
            .member("/policy", STRING)
            .member("/apiKeySource", STRING)
            .member("/disableExecuteApiEndpoint", BOOLEAN)
            .integer("/minimumCompressionSize", BAD_COMPRESSION_SIZE)
            .set("/binaryMediaTypes");

    private final ApiGatewayStore store;

    RestApiHandlers(ApiGatewayStore store) {
        this.store = store;
    }

    void register(Router router) {
        router.add(Service.APIGATEWAY, "CreateRestApi", "POST", "/restapis", this::create);
        router.add(Service.APIGATEWAY, "GetRestApis", "GET", "/restapis", this::list);
        router.add(Service.APIGATEWAY, "GetRestApi", "GET", "/restapis/{restapi_id}", this::get);
        router.add(Service.APIGATEWAY, "UpdateRestApi", "PATCH", "/restapis/{restapi_id}", this::update);
        router.add(Service.APIGATEWAY, "DeleteRestApi", "DELETE", "/restapis/{restapi_id}", this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        Input in = Input.of(request, "createRestApiInput");
        String name = in.requiredString("name");
        if (name.isBlank()) {
            throw AwsException.badRequest("Invalid REST API name specified");
        }
        String description = in.string("description");
        if (description != null && description.isEmpty()) {
            throw AwsException.badRequest("Description cannot be an empty string");
        }
        Integer compression = in.integer("minimumCompressionSize");
        checkCompressionSize(compression);
        String apiKeySource = in.has("apiKeySource") ? in.string("apiKeySource") : "HEADER";
        if (!API_KEY_SOURCES.contains(apiKeySource)) {
            throw Errors.enumViolation(apiKeySource, "createRestApiInput.apiKeySource", "HEADER, AUTHORIZER");
        }
        EndpointConfiguration endpoint = endpointConfiguration(in.structure("endpointConfiguration"));
        Boolean disableExecuteApi = in.bool("disableExecuteApiEndpoint");
        Instant now = Instant.now();
        String rootId = Ids.random(Ids.ROOT_RESOURCE);
        RestApiState state = store.create(request.region(),
                id -> new RestApi(id, name, description, now, in.string("version"), in.stringList("binaryMediaTypes"),
                        compression, apiKeySource, endpoint, in.string("policy"), in.stringMap("tags"),
                        disableExecuteApi != null && disableExecuteApi, rootId),
                new Resource(rootId, null, null, "/", null));
        return ApiResponse.json(201, state.api);
    }

    private static EndpointConfiguration endpointConfiguration(Input in) {
        List<String> types = in == null ? null : in.stringList("types");
        if (types == null) {
            types = List.of("EDGE");
        }
        for (String type : types) {
            if (!ENDPOINT_TYPES.contains(type)) {
                throw Errors.validation("1 validation error detected: Value '" + types
                        + "' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: "
                        + "Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]");
            }
        }
        if (types.isEmpty()) {
            throw AwsException.badRequest("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.");
        }
        if (types.size() > 1) {
            throw AwsException.badRequest("Cannot create an api with multiple Endpoint Types.");
        }
        boolean isPrivate = types.get(0).equals("PRIVATE");
        String ipAddressType = in == null ? null : in.string("ipAddressType");
        if (ipAddressType == null) {
            ipAddressType = isPrivate ? "dualstack" : "ipv4";
        } else if (!Set.of("ipv4", "dualstack").contains(ipAddressType)) {
            throw Errors.enumViolation(ipAddressType, "createRestApiInput.endpointConfiguration.ipAddressType", "ipv4, dualstack");
        } else if (isPrivate && ipAddressType.equals("ipv4")) {
            throw AwsException.badRequest("Only dualstack ipAddressType is supported for Private APIs.");
        }
        return new EndpointConfiguration(types, ipAddressType, in == null ? null : in.stringList("vpcEndpointIds"));
    }

    private static void checkCompressionSize(Integer size) {
        if (size != null && (size < 0 || size > MAX_COMPRESSION_SIZE)) {
            throw AwsException.badRequest(BAD_COMPRESSION_SIZE);
        }
    }

    private ApiResponse list(ApiRequest request) {
        List<RestApi> apis = store.list(request.region()).stream().map(s -> s.api).toList();
        return ApiResponse.json(200, Page.of(apis, request));
    }

    private ApiResponse get(ApiRequest request) {
        String apiId = request.path("restapi_id");
        return store.withApi(request.region(), apiId, () -> Errors.apiNotFound(apiId), s -> ApiResponse.json(200, s.api));
    }

    private ApiResponse update(ApiRequest request) {
        String apiId = request.path("restapi_id");
        var ops = PatchOperations.read(request, "updateRestApiInput");
        return store.withApi(request.region(), apiId, () -> Errors.apiNotFound(apiId), state -> {
            RestApi patched = PatchOperations.toRecord(
                    PatchOperations.apply(PatchOperations.toJson(state.api), ops, PATCHABLE), RestApi.class);
            if (patched.name() == null || patched.name().isBlank()) {
                throw AwsException.badRequest("Invalid REST API name specified");
            }
            checkCompressionSize(patched.minimumCompressionSize());
            if (patched.apiKeySource() == null || !API_KEY_SOURCES.contains(patched.apiKeySource())) {
                throw AwsException.badRequest("Invalid API Key Source specified. Valid options are HEADER,AUTHORIZER");
            }
            state.api = patched;
            return ApiResponse.json(200, patched);
        });
    }

    private ApiResponse delete(ApiRequest request) {
        store.delete(request.region(), request.path("restapi_id"));
        return ApiResponse.empty(202);
    }
}
