package dev.greeting.emulator.apigateway.model;

import java.util.Map;

/** The MethodResponse shape: a status code the method may answer, with the headers and models it declares. */
public record MethodResponse(String statusCode, Map<String, Boolean> responseParameters, Map<String, String> responseModels) {
    public MethodResponse {
        responseParameters = Immutable.map(responseParameters);
        responseModels = Immutable.map(responseModels);
    }
}
