package dev.greeting.emulator.apigateway.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Integration shape: the back end a method calls, how the request is mapped, and its integration responses. */
public record Integration(
        String type,
        String httpMethod,
        String uri,
        String connectionType,
        String connectionId,
        String credentials,
        Map<String, String> requestParameters,
        Map<String, String> requestTemplates,
        String passthroughBehavior,
        String contentHandling,
        Integer timeoutInMillis,
        String cacheNamespace,
        List<String> cacheKeyParameters,
        Map<String, IntegrationResponse> integrationResponses) {

    public Integration {
        requestParameters = Immutable.map(requestParameters);
        requestTemplates = Immutable.map(requestTemplates);
        cacheKeyParameters = Immutable.list(cacheKeyParameters);
        integrationResponses = integrationResponses == null || integrationResponses.isEmpty()
                ? null : Immutable.map(integrationResponses);
    }

    public Map<String, IntegrationResponse> integrationResponsesOrEmpty() {
        return integrationResponses == null ? Map.of() : integrationResponses;
    }

    public Optional<IntegrationResponse> integrationResponse(String statusCode) {
        return Optional.ofNullable(integrationResponsesOrEmpty().get(statusCode));
    }

    public Integration withIntegrationResponse(IntegrationResponse response) {
        Map<String, IntegrationResponse> copy = new LinkedHashMap<>(integrationResponsesOrEmpty());
        copy.put(response.statusCode(), response);
        return withIntegrationResponses(copy);
    }

    public Integration withoutIntegrationResponse(String statusCode) {
        Map<String, IntegrationResponse> copy = new LinkedHashMap<>(integrationResponsesOrEmpty());
        copy.remove(statusCode);
        return withIntegrationResponses(copy);
    }

    public Integration withIntegrationResponses(Map<String, IntegrationResponse> responses) {
        return new Integration(type, httpMethod, uri, connectionType, connectionId, credentials, requestParameters,
                requestTemplates, passthroughBehavior, contentHandling, timeoutInMillis, cacheNamespace,
                cacheKeyParameters, responses);
    }
}
