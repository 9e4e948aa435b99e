package dev.greeting.emulator.lambda.runtime;

/** The function cannot be run here at all: no {@code node} executable, or a runtime other than Node.js. */
public final class RuntimeUnavailableException extends RuntimeException {
    public RuntimeUnavailableException(String message) {
        super(message);
    }

    public RuntimeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
