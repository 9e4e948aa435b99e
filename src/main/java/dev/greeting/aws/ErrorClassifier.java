package dev.greeting.aws;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Turns SDK exceptions into {@link AwsFailure}s: reason, message, and how to retry. */
public final class ErrorClassifier {
    public static final String THROTTLED = "Throttled";
    public static final String FUNCTION_NOT_FOUND = "FunctionNotFound";
    public static final String ACCESS_DENIED = "AccessDenied";
    public static final String INVALID_REQUEST = "InvalidRequest";
    public static final String LIMIT_EXCEEDED = "LimitExceeded";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String UNAVAILABLE = "AwsUnavailable";
    public static final String UNREACHABLE = "AwsUnreachable";
    public static final String REQUEST_FAILED = "AwsRequestFailed";

    private static final Set<String> ACCESS_CODES = Set.of("AccessDeniedException", "AccessDenied", "UnauthorizedException",
            "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
            "MissingAuthenticationTokenException", "IncompleteSignatureException", "KMSAccessDeniedException");
    private static final Set<String> INVALID_CODES = Set.of("BadRequestException", "InvalidParameterValueException",
            "ValidationException", "InvalidRequestContentException", "SerializationException");
    private static final Set<String> LIMIT_CODES = Set.of("LimitExceededException", "PolicyLengthExceededException");
    private static final Set<String> CONFLICT_CODES = Set.of("ConflictException", "ResourceConflictException",
            "PreconditionFailedException");

    private ErrorClassifier() {
    }

    public static AwsFailure classify(AwsService service, String operation, SdkException e) {
        if (!(e instanceof SdkServiceException serviceException)) {
            return new AwsFailure(UNREACHABLE, operation + ": cannot reach AWS: " + e.getMessage(),
                    AwsFailure.Retry.TRANSIENT, null, operation, e);
        }
        String code = errorCode(serviceException);
        String awsMessage = errorMessage(serviceException);
        int status = serviceException.statusCode();
        String message = operation + " failed: " + awsMessage + " (" + code + ", HTTP " + status + ")";
        if ("TooManyRequestsException".equals(code) || "ThrottlingException".equals(code)
                || (status == 429 && !LIMIT_CODES.contains(code))) {
            return new AwsFailure(THROTTLED, message, AwsFailure.Retry.TRANSIENT, retryAfter(serviceException), operation, e);
        }
        if (service == AwsService.LAMBDA && "ResourceNotFoundException".equals(code)) {
            return new AwsFailure(FUNCTION_NOT_FOUND, message, AwsFailure.Retry.EXTERNAL, null, operation, e);
        }
        if (ACCESS_CODES.contains(code) || status == 401 || status == 403) {
            return new AwsFailure(ACCESS_DENIED, message, AwsFailure.Retry.EXTERNAL, null, operation, e);
        }
        if (LIMIT_CODES.contains(code)) {
            return new AwsFailure(LIMIT_EXCEEDED, message, AwsFailure.Retry.EXTERNAL, null, operation, e);
        }
        if (INVALID_CODES.contains(code)) {
            return new AwsFailure(INVALID_REQUEST, message, AwsFailure.Retry.NEVER, null, operation, e);
        }
        if ("NotFoundException".equals(code) || status == 404) {
            // Something the observation saw is gone: observe again.
            return new AwsFailure(NOT_FOUND, message, AwsFailure.Retry.TRANSIENT, null, operation, e);
        }
        if (CONFLICT_CODES.contains(code) || status == 409) {
            return new AwsFailure(CONFLICT, message, AwsFailure.Retry.TRANSIENT, null, operation, e);
        }
        if (status >= 500) {
            return new AwsFailure(UNAVAILABLE, message, AwsFailure.Retry.TRANSIENT, null, operation, e);
        }
        return new AwsFailure(REQUEST_FAILED, message, AwsFailure.Retry.EXTERNAL, null, operation, e);
    }

    public static String errorCode(SdkServiceException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return "HTTP" + e.statusCode();
    }

    public static String errorMessage(SdkServiceException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorMessage() != null) {
            return aws.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /** The Retry-After header in (possibly fractional) seconds, or null. */
    static Duration retryAfter(SdkServiceException e) {
        if (!(e instanceof AwsServiceException aws) || aws.awsErrorDetails() == null
                || aws.awsErrorDetails().sdkHttpResponse() == null) {
            return null;
        }
        return aws.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
                .map(ErrorClassifier::parseRetryAfter).orElse(null);
    }

    static Duration parseRetryAfter(String value) {
        try {
            double seconds = Double.parseDouble(value.trim().toLowerCase(Locale.ROOT));
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                return null;
            }
            return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
        } catch (NumberFormatException notSeconds) {
            return null; // an HTTP date: rare from AWS; the scheduler's default pause applies
        }
    }
}
