package dev.greeting.emulator.apigateway.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Method shape: a method request, its method responses and its integration. */
public record Method(
        String httpMethod,
        String authorizationType,
        String authorizerId,
        Boolean apiKeyRequired,
        String requestValidatorId,
        String operationName,
        Map<String, Boolean> requestParameters,
        Map<String, String> requestModels,
        Map<String, MethodResponse> methodResponses,
        Integration methodIntegration,
        List<String> authorizationScopes) {

    /** Written as {@code {}}: how GetResources lists a method when its details are not embedded. */
    static final Method NAME_ONLY = new Method(null, null, null, null, null, null, null, null, null, null, null);

    public Method {
        requestParameters = Immutable.map(requestParameters);
        requestModels = Immutable.map(requestModels);
        methodResponses = methodResponses == null || methodResponses.isEmpty() ? null : Immutable.map(methodResponses);
        authorizationScopes = Immutable.list(authorizationScopes);
    }

    public Map<String, Boolean> requestParametersOrEmpty() {
        return requestParameters == null ? Map.of() : requestParameters;
    }

    public Map<String, MethodResponse> methodResponsesOrEmpty() {
        return methodResponses == null ? Map.of() : methodResponses;
    }

    public Optional<Integration> integration() {
        return Optional.ofNullable(methodIntegration);
    }

    public Method withMethodResponse(MethodResponse response) {
        Map<String, MethodResponse> copy = new LinkedHashMap<>(methodResponsesOrEmpty());
        copy.put(response.statusCode(), response);
        return withMethodResponses(copy);
    }

    public Method withoutMethodResponse(String statusCode) {
        Map<String, MethodResponse> copy = new LinkedHashMap<>(methodResponsesOrEmpty());
        copy.remove(statusCode);
        return withMethodResponses(copy);
    }

    public Method withMethodResponses(Map<String, MethodResponse> responses) {
        return new Method(httpMethod, authorizationType, authorizerId, apiKeyRequired, requestValidatorId, operationName,
                requestParameters, requestModels, responses, methodIntegration, authorizationScopes);
    }

    public Method withMethodIntegration(Integration integration) {
        return new Method(httpMethod, authorizationType, authorizerId, apiKeyRequired, requestValidatorId, operationName,
                requestParameters, requestModels, methodResponses, integration, authorizationScopes);
    }

    /** The same method request with this method's responses and integration, which a patch of the request keeps. */
    public Method withResponsesAndIntegrationOf(Method other) {
        return new Method(httpMethod, authorizationType, authorizerId, apiKeyRequired, requestValidatorId, operationName,
                requestParameters, requestModels, other.methodResponses, other.methodIntegration, authorizationScopes);
    }
}
