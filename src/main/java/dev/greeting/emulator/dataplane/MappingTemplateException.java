package dev.greeting.emulator.dataplane;

/**
 * A mapping template that could not be applied. API Gateway answers a payload that is not JSON,
 * when the template reads it as JSON, with 400; any other template failure is its 500.
 */
public final class MappingTemplateException extends RuntimeException {
    private final int status;

    public MappingTemplateException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
