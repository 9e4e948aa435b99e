package dev.greeting.aws;

import java.time.Duration;

/**
 * An AWS call that failed, classified: a CamelCase reason for the Ready condition, a message for
 * people, and how to retry.
 */
public final class AwsFailure extends RuntimeException {

    /** How a failure may be retried. */
    public enum Retry {
        /** Passes by itself (throttling, 5xx, a concurrent change): retry soon, with backoff. */
        TRANSIENT,
        /** Needs a change outside the spec (the function created, IAM fixed, a quota freed): retry slowly. */
        EXTERNAL,
        /** Only a spec change can fix it: no retry until the spec changes. */
        NEVER
    }

    private final String reason;
    private final Retry retry;
    private final Duration retryAfter;
    private final String operation;
    private final boolean queued;

    public AwsFailure(String reason, String message, Retry retry, Duration retryAfter, String operation, Throwable cause) {
        this(reason, message, retry, retryAfter, operation, cause, false);
    }

    private AwsFailure(String reason, String message, Retry retry, Duration retryAfter, String operation, Throwable cause,
                       boolean queued) {
        super(message, cause);
        this.queued = queued;
        this.reason = reason;
        this.retry = retry;
        this.retryAfter = retryAfter;
        this.operation = operation;
    }

    public String reason() { return reason; }

    public Retry retry() { return retry; }

    /** A wait AWS (or the scheduler) asked for, or null. */
    public Duration retryAfter() { return retryAfter; }

    public String operation() { return operation; }

    /**
     * The call did not go out: the operator's own quota queue holds its slot until
     * {@link #retryAfter()}. Not a failure of the resource: come back then, no backoff.
     */
    public boolean queued() { return queued; }

    static AwsFailure queued(String operation, String region, Duration wait) {
        return new AwsFailure(ErrorClassifier.THROTTLED, operation + " is queued for its AWS quota in " + region
                + "; its turn comes in " + wait.toSeconds() + " s", Retry.TRANSIENT, wait, operation, null, true);
    }

    public boolean is(String aReason) {
        return reason.equals(aReason);
    }
}
