package dev.greeting.emulator.http;

/** Which AWS service a route belongs to; decides the shape of its error bodies and injected faults. */
public enum Service {
    APIGATEWAY,
    LAMBDA,
    /** The emulator's own admin API under {@code /_emulator/}: never counted, throttled or faulted. */
    CONTROL,
    /** Invoke URLs (execute-api): counted, but outside the management API's quotas. */
    EXECUTE_API;

    /** True for AWS management APIs, the ones AWS throttles and our fault injection targets. */
    public boolean isManagementApi() {
        return this == APIGATEWAY || this == LAMBDA;
    }
}
