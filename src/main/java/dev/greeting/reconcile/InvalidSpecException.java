package dev.greeting.reconcile;

/**
 * The spec cannot be turned into an API (admission validation should have caught it). Only a
 * spec change can fix it, so the operator reports it and makes no AWS call and no retry.
 */
public final class InvalidSpecException extends RuntimeException {
    public InvalidSpecException(String message) {
        super(message);
    }
}
