package dev.greeting.emulator.apigateway.model;

import java.util.Map;

/**
 * The IntegrationResponse shape: which back-end results (by {@code selectionPattern}) map to which
 * method response status, and how headers and body are mapped.
 */
public record IntegrationResponse(
        String statusCode,
        String selectionPattern,
        Map<String, String> responseParameters,
        Map<String, String> responseTemplates,
        String contentHandling) {

    public IntegrationResponse {
        responseParameters = Immutable.map(responseParameters);
        responseTemplates = Immutable.map(responseTemplates);
    }
}
