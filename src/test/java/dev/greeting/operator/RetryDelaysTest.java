package dev.greeting.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.aws.AwsFailure;
import dev.greeting.aws.AwsFailure.Retry;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryDelaysTest {
    static final RetryDelays DELAYS = new RetryDelays(Duration.ofSeconds(2), Duration.ofSeconds(60),
            Duration.ofMinutes(1), Duration.ofMinutes(10));

    static Stream<Arguments> delays() {
        return Stream.of(
                Arguments.of(Retry.TRANSIENT, null, 1, Duration.ofSeconds(2)),
                Arguments.of(Retry.TRANSIENT, null, 3, Duration.ofSeconds(8)),
                Arguments.of(Retry.TRANSIENT, null, 10, Duration.ofSeconds(60)),
                Arguments.of(Retry.TRANSIENT, Duration.ofSeconds(30), 1, Duration.ofSeconds(30)),
                Arguments.of(Retry.TRANSIENT, Duration.ofMillis(10), 2, Duration.ofSeconds(4)),
                Arguments.of(Retry.EXTERNAL, null, 1, Duration.ofMinutes(1)),
                Arguments.of(Retry.EXTERNAL, null, 3, Duration.ofMinutes(4)),
                Arguments.of(Retry.EXTERNAL, null, 100, Duration.ofMinutes(10)),
                Arguments.of(Retry.NEVER, null, 1, null));
    }

    @ParameterizedTest(name = "{0} retryAfter={1} attempt {2}: {3}")
    @MethodSource("delays")
    void backsOffBySortOfFailure(Retry retry, Duration retryAfter, int attempt, Duration expected) {
        AwsFailure failure = new AwsFailure("Reason", "message", retry, retryAfter, "Op", null);
        assertThat(DELAYS.after(failure, attempt)).isEqualTo(expected);
    }
}
