package dev.greeting.emulator.apigateway.model;

/** The RequestValidator shape: whether a method validates its request body and/or parameters. */
public record RequestValidator(String id, String name, Boolean validateRequestBody, Boolean validateRequestParameters) {
}
