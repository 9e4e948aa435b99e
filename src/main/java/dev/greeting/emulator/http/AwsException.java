package dev.greeting.emulator.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered the way AWS answers it: an error code carried in {@code x-amzn-ErrorType},
 * the HTTP status the service model gives that code, and a JSON body with the message.
 */
public final class AwsException extends RuntimeException {
    private final int status;
    private final String errorType;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public AwsException(int status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    public int status() { return status; }

    public String errorType() { return errorType; }

    public Map<String, String> headers() { return headers; }

    public AwsException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    // API Gateway's error codes (service model 2015-07-09)
    public static AwsException badRequest(String message) { return new AwsException(400, "BadRequestException", message); }

    public static AwsException notFound(String message) { return new AwsException(404, "NotFoundException", message); }

    public static AwsException conflict(String message) { return new AwsException(409, "ConflictException", message); }

    public static AwsException limitExceeded(String message) { return new AwsException(429, "LimitExceededException", message); }

    public static AwsException unauthorized(String message) { return new AwsException(401, "UnauthorizedException", message); }

    // Lambda's error codes (service model 2015-03-31)
    public static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterValueException", message);
    }

    public static AwsException resourceNotFound(String message) {
        return new AwsException(404, "ResourceNotFoundException", message);
    }

    public static AwsException resourceConflict(String message) {
        return new AwsException(409, "ResourceConflictException", message);
    }

    public static AwsException preconditionFailed(String message) {
        return new AwsException(412, "PreconditionFailedException", message);
    }
}
