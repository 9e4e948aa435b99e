package dev.greeting.emulator.apigateway.model;

/** The MethodSnapshot shape: a deployed method as a deployment's {@code apiSummary} lists it. */
public record MethodSnapshot(String authorizationType, Boolean apiKeyRequired) {
}
