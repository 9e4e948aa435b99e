package dev.greeting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** AWS's error codes (as the SDK reports them) to reasons and retry classes. */
class ErrorClassifierTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(AwsService.API_GATEWAY, "TooManyRequestsException", 429, "Throttled", AwsFailure.Retry.TRANSIENT),
                Arguments.of(AwsService.LAMBDA, "TooManyRequestsException", 429, "Throttled", AwsFailure.Retry.TRANSIENT),
                Arguments.of(AwsService.API_GATEWAY, "LimitExceededException", 429, "LimitExceeded", AwsFailure.Retry.EXTERNAL),
                Arguments.of(AwsService.LAMBDA, "PolicyLengthExceededException", 400, "LimitExceeded", AwsFailure.Retry.EXTERNAL),
                Arguments.of(AwsService.LAMBDA, "ResourceNotFoundException", 404, "FunctionNotFound", AwsFailure.Retry.EXTERNAL),
                Arguments.of(AwsService.LAMBDA, "AccessDeniedException", 403, "AccessDenied", AwsFailure.Retry.EXTERNAL),
                Arguments.of(AwsService.API_GATEWAY, "UnauthorizedException", 401, "AccessDenied", AwsFailure.Retry.EXTERNAL),
                Arguments.of(AwsService.API_GATEWAY, "MissingAuthenticationTokenException", 403, "AccessDenied",
                        AwsFailure.Retry.EXTERNAL),
                Arguments.of(AwsService.API_GATEWAY, "BadRequestException", 400, "InvalidRequest", AwsFailure.Retry.NEVER),
                Arguments.of(AwsService.LAMBDA, "InvalidParameterValueException", 400, "InvalidRequest", AwsFailure.Retry.NEVER),
                Arguments.of(AwsService.API_GATEWAY, "NotFoundException", 404, "NotFound", AwsFailure.Retry.TRANSIENT),
                Arguments.of(AwsService.API_GATEWAY, "ConflictException", 409, "Conflict", AwsFailure.Retry.TRANSIENT),
                Arguments.of(AwsService.API_GATEWAY, "ServiceUnavailableException", 503, "AwsUnavailable", AwsFailure.Retry.TRANSIENT),
                Arguments.of(AwsService.LAMBDA, "ServiceException", 500, "AwsUnavailable", AwsFailure.Retry.TRANSIENT));
    }

    @ParameterizedTest(name = "{0} {1} ({2}) -> {3}")
    @MethodSource("errors")
    void classifies(AwsService service, String code, int status, String reason, AwsFailure.Retry retry) {
        SdkException e = AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("details").build()).build();
        AwsFailure f = ErrorClassifier.classify(service, "SomeOperation", e);
        assertThat(f.reason()).isEqualTo(reason);
        assertThat(f.retry()).isEqualTo(retry);
        assertThat(f.getMessage()).contains("SomeOperation", "details", code);
    }

    @org.junit.jupiter.api.Test
    void unreachableIsTransient() {
        AwsFailure f = ErrorClassifier.classify(AwsService.API_GATEWAY, "GetResources",
                SdkClientException.create("Unable to execute HTTP request: Connection refused"));
        assertThat(f.reason()).isEqualTo("AwsUnreachable");
        assertThat(f.retry()).isEqualTo(AwsFailure.Retry.TRANSIENT);
    }
}
