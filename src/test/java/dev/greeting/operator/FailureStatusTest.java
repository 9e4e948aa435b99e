package dev.greeting.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.aws.AwsFailure;
import dev.greeting.aws.AwsService;
import dev.greeting.aws.ErrorClassifier;
import dev.greeting.reconcile.StatusUpdate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Which AWS errors leave a GreetingApi Reconciling (kstatus InProgress, Argo CD Progressing) and
 * which Stalled (Failed, Degraded): the classifier's retry class decides, and every transient
 * reason is one health.lua lists.
 */
class FailureStatusTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(AwsService.API_GATEWAY, "TooManyRequestsException", 429, StatusUpdate.Failure.TRANSIENT),
                Arguments.of(AwsService.API_GATEWAY, "ServiceUnavailableException", 503, StatusUpdate.Failure.TRANSIENT),
                Arguments.of(AwsService.LAMBDA, "ServiceException", 500, StatusUpdate.Failure.TRANSIENT),
                Arguments.of(AwsService.API_GATEWAY, "ConflictException", 409, StatusUpdate.Failure.TRANSIENT),
                Arguments.of(AwsService.API_GATEWAY, "NotFoundException", 404, StatusUpdate.Failure.TRANSIENT),
                Arguments.of(AwsService.LAMBDA, "ResourceNotFoundException", 404, StatusUpdate.Failure.STALLED),
                Arguments.of(AwsService.API_GATEWAY, "AccessDeniedException", 403, StatusUpdate.Failure.STALLED),
                Arguments.of(AwsService.API_GATEWAY, "BadRequestException", 400, StatusUpdate.Failure.STALLED),
                Arguments.of(AwsService.API_GATEWAY, "LimitExceededException", 429, StatusUpdate.Failure.STALLED),
                Arguments.of(AwsService.API_GATEWAY, "WeirdException", 418, StatusUpdate.Failure.STALLED));
    }

    @ParameterizedTest(name = "{0} {1} ({2}) -> {3}")
    @MethodSource("errors")
    void transientErrorsReconcileTheOthersStall(AwsService service, String code, int status,
                                                StatusUpdate.Failure expected) {
        SdkException e = AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("details").build()).build();
        assertKind(ErrorClassifier.classify(service, "SomeOperation", e), expected);
    }

    @Test
    void unreachableAwsIsTransient() {
        assertKind(ErrorClassifier.classify(AwsService.LAMBDA, "GetPolicy",
                SdkClientException.create("Connection refused")), StatusUpdate.Failure.TRANSIENT);
    }

    @Test
    void anInvalidSpecStalls() {
        assertThat(GreetingApiReconciler.failureKind(null)).isEqualTo(StatusUpdate.Failure.STALLED);
        assertThat(GreetingApiReconciler.TRANSIENT_READY_REASONS).doesNotContain(GreetingApiReconciler.INVALID_SPEC);
    }

    private static void assertKind(AwsFailure failure, StatusUpdate.Failure expected) {
        assertThat(GreetingApiReconciler.failureKind(failure)).isEqualTo(expected);
        assertThat(GreetingApiReconciler.TRANSIENT_READY_REASONS.contains(failure.reason()))
                .as("%s listed as transient in health.lua", failure.reason())
                .isEqualTo(expected == StatusUpdate.Failure.TRANSIENT);
    }
}
