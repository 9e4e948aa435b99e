package dev.greeting.operator;

import dev.greeting.aws.AwsFailure;
import java.time.Duration;

/**
 * When to try again after a failure: transient ones (throttling, 5xx) soon and exponentially
 * slower, those that need a change outside the spec (a missing function, IAM) slowly; what only
 * a spec change can fix is not retried at all.
 *
 * @param transientFirst first delay after a transient failure, doubled each attempt
 * @param transientMax cap of transient delays
 * @param externalFirst first delay after a failure that needs an outside change, doubled each attempt
 * @param externalMax cap of those delays
 */
public record RetryDelays(Duration transientFirst, Duration transientMax, Duration externalFirst, Duration externalMax) {
    public static final RetryDelays DEFAULTS = new RetryDelays(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofMinutes(1), Duration.ofMinutes(30));

    /** The delay before attempt {@code attempt + 1} (attempt counts from 1), or null: do not retry. */
    public Duration after(AwsFailure failure, int attempt) {
        if (failure.queued()) {
            return failure.retryAfter(); // its slot is booked: back at its turn, not later
        }
        return switch (failure.retry()) {
            case NEVER -> null;
            case TRANSIENT -> {
                Duration backoff = exponential(transientFirst, transientMax, attempt);
                Duration asked = failure.retryAfter();
                yield asked != null && asked.compareTo(backoff) > 0 ? asked : backoff;
            }
            case EXTERNAL -> exponential(externalFirst, externalMax, attempt);
        };
    }

    static Duration exponential(Duration first, Duration max, int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        Duration d = first.multipliedBy(1L << Math.min(doublings, 20));
        return d.compareTo(max) > 0 ? max : d;
    }
}
