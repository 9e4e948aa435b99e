package dev.greeting.emulator.apigateway;

import dev.greeting.emulator.http.AwsException;

/** The error answers API Gateway gives, with AWS's exact codes and messages. */
final class Errors {
    /** The emulator's one account; it shows in API-not-found messages as in AWS's. */
    static final String ACCOUNT_ID = "123456789012";

    private Errors() {}

    static AwsException apiNotFound(String apiId) {
        return AwsException.notFound("Invalid API identifier specified " + ACCOUNT_ID + ":" + apiId);
    }

    static AwsException resourceNotFound() {
        return AwsException.notFound("Invalid Resource identifier specified");
    }

    static AwsException methodNotFound() {
        return AwsException.notFound("Invalid Method identifier specified");
    }

    static AwsException integrationNotFound() {
        return AwsException.notFound("Invalid Integration identifier specified");
    }

    static AwsException responseNotFound() {
        return AwsException.notFound("Invalid Response status code specified");
    }

    static AwsException deploymentNotFound() {
        return AwsException.notFound("Invalid Deployment identifier specified");
    }

    static AwsException stageNotFound() {
        return AwsException.notFound("Invalid Stage identifier specified");
    }

    static AwsException validatorNotFound() {
        return AwsException.notFound("Invalid Request Validator identifier specified");
    }

    /** A constraint of the service model broken (enum, pattern): AWS's front end answers ValidationException. */
    static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }

    /** A JSON member of the wrong type. */
    static AwsException serialization(String message) {
        return new AwsException(400, "SerializationException", message);
    }

    static AwsException enumViolation(String value, String where, String allowed) {
        return validation("1 validation error detected: Value '" + value + "' at '" + where
                + "' failed to satisfy constraint: Member must satisfy enum value set: [" + allowed + "]");
    }

    static AwsException missingMember(String where) {
        return AwsException.badRequest("1 validation error detected: Value null at '" + where
                + "' failed to satisfy constraint: Member must not be null");
    }
}
