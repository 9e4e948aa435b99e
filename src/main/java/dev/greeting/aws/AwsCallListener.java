package dev.greeting.aws;

import java.time.Duration;

/**
 * What the {@link CallScheduler} reports about each AWS call, for metrics. Labels stay bounded:
 * service, operation and outcome only, never the resource a call was made for.
 */
public interface AwsCallListener {
    String SUCCESS = "success";
    String THROTTLED = "throttled";
    AwsCallListener NONE = new AwsCallListener() {
    };

    /** The call waited {@code waited} (zero: none) for a slot under its quotas before going out. */
    default void waitedForQuota(AwsService service, String operation, Duration waited) {
    }

    /**
     * One attempt of the call ended: {@link #SUCCESS}, {@link #THROTTLED}, or AWS's error code
     * ({@code NotFoundException}, {@code AccessDeniedException}, ...), or {@code Unreachable} when no
     * answer came.
     */
    default void completed(AwsService service, String operation, String outcome) {
    }
}
