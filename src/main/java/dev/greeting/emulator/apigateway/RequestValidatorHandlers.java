package dev.greeting.emulator.apigateway;

import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.BOOLEAN;
import static dev.greeting.emulator.apigateway.PatchOperations.ValueType.STRING;

import dev.greeting.emulator.apigateway.model.RequestValidator;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.util.ArrayList;

/** CreateRequestValidator, GetRequestValidator, GetRequestValidators, UpdateRequestValidator, DeleteRequestValidator. */
final class RequestValidatorHandlers {
    private static final String COLLECTION = "/restapis/{restapi_id}/requestvalidators";
    private static final String ITEM = COLLECTION + "/{requestvalidator_id}";

    private static final PatchOperations.Rules PATCHABLE = PatchOperations.Rules.listingSupportedPaths()
            .member("/name", STRING)
            .member("/validateRequestParameters", BOOLEAN)
            .member("/validateRequestBody", BOOLEAN);

    private final ApiGatewayStore store;

    RequestValidatorHandlers(ApiGatewayStore store) {
        this.store = store;
    }

    void register(Router router) {
        router.add(Service.APIGATEWAY, "CreateRequestValidator", "POST", COLLECTION, this::create);
        router.add(Service.APIGATEWAY, "GetRequestValidators", "GET", COLLECTION, this::list);
        router.add(Service.APIGATEWAY, "GetRequestValidator", "GET", ITEM, this::get);
        router.add(Service.APIGATEWAY, "UpdateRequestValidator", "PATCH", ITEM, this::update);
        router.add(Service.APIGATEWAY, "DeleteRequestValidator", "DELETE", ITEM, this::delete);
    }

    private ApiResponse create(ApiRequest request) {
        Input in = Input.of(request, "createRequestValidatorInput");
        String name = in.string("name");
        checkName(name);
        Boolean body = in.bool("validateRequestBody");
        Boolean parameters = in.bool("validateRequestParameters");
        // AWS answers a create on an unknown API with a 400, not a 404
        return store.withApi(request.region(), request.path("restapi_id"),
                () -> AwsException.badRequest("Invalid REST API identifier specified"), state -> {
                    RequestValidator validator = new RequestValidator(state.newChildId(), name,
                            body != null && body, parameters != null && parameters);
                    state.validators.put(validator.id(), validator);
                    return ApiResponse.json(201, validator);
                });
    }

    private ApiResponse list(ApiRequest request) {
        String apiId = request.path("restapi_id");
        return store.withApi(request.region(), apiId, () -> Errors.apiNotFound(apiId),
                state -> ApiResponse.json(200, Page.of(new ArrayList<>(state.validators.values()), request)));
    }

    private ApiResponse get(ApiRequest request) {
        return store.withApi(request.region(), request.path("restapi_id"), Errors::validatorNotFound,
                state -> ApiResponse.json(200, validator(state, request)));
    }

    private ApiResponse update(ApiRequest request) {
        var ops = PatchOperations.read(request, "updateRequestValidatorInput");
        return store.withApi(request.region(), request.path("restapi_id"), Errors::validatorNotFound, state -> {
            RequestValidator patched = PatchOperations.toRecord(
                    PatchOperations.apply(PatchOperations.toJson(validator(state, request)), ops, PATCHABLE),
                    RequestValidator.class);
            checkName(patched.name());
            state.validators.put(patched.id(), patched);
            return ApiResponse.json(200, patched);
        });
    }

    private ApiResponse delete(ApiRequest request) {
        return store.withApi(request.region(), request.path("restapi_id"), Errors::validatorNotFound, state -> {
            RequestValidator validator = validator(state, request);
            boolean inUse = state.resources.values().stream()
                    .flatMap(r -> r.methods().values().stream())
                    .anyMatch(m -> validator.id().equals(m.requestValidatorId()));
            if (inUse) {
                throw AwsException.conflict("Cannot delete request validator " + validator.id()
                        + ": it is referenced by one or more methods");
            }
            state.validators.remove(validator.id());
            return ApiResponse.empty(202);
        });
    }

    private static RequestValidator validator(RestApiState state, ApiRequest request) {
        RequestValidator validator = state.validators.get(request.path("requestvalidator_id"));
        if (validator == null) {
            throw Errors.validatorNotFound();
        }
        return validator;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw AwsException.badRequest("Request Validator name cannot be blank");
        }
    }
}
