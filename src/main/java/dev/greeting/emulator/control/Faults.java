package dev.greeting.emulator.control;

import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Service;
import java.util.Optional;
import java.util.Random;

/** Draws injected faults from a seeded random sequence; see {@link FaultConfig}. */
public final class Faults {
    private volatile FaultConfig config = FaultConfig.NONE;
    private Random random = new Random(0);

    public synchronized void configure(FaultConfig newConfig) {
        config = newConfig;
        random = new Random(newConfig.seed());
    }

    public FaultConfig config() {
        return config;
    }

    /** The latency to add before answering the operation, in milliseconds. */
    public long latencyMillis(String operation) {
        FaultConfig c = config;
        return c.applies(operation) ? c.latencyMillis() : 0;
    }

    /** An injected error for this call, if the draw says so; a 429 asks to retry after the given wait. */
    public Optional<AwsException> draw(Service service, String operation, long retryAfterNanos) {
        FaultConfig c = config;
        if (!c.applies(operation) || (c.errorRate() == 0 && c.throttleRate() == 0)) {
            return Optional.empty();
        }
        double roll;
        synchronized (this) {
            roll = random.nextDouble();
        }
        if (roll < c.errorRate()) {
            return Optional.of(serverError(service));
        }
        if (roll < c.errorRate() + c.throttleRate()) {
            return Optional.of(Quotas.throttled(service, retryAfterNanos));
        }
        return Optional.empty();
    }

    private static AwsException serverError(Service service) {
        return service == Service.LAMBDA
                ? new AwsException(500, "ServiceException", "Injected fault: the service encountered an internal error")
                : new AwsException(503, "ServiceUnavailableException", "Injected fault: service unavailable");
    }
}
