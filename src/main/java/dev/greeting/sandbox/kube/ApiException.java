package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request that ends in a Kubernetes Status error (its {@code code} is the HTTP status). */
final class ApiException extends RuntimeException {
    private final transient ObjectNode status;

    ApiException(ObjectNode status) {
        super(status.path("message").asText());
        this.status = status;
    }

    ObjectNode status() {
        return status;
    }

    int code() {
        return status.path("code").asInt(500);
    }
}
