package dev.greeting.emulator.control;

import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Service;
import java.util.Optional;
import java.util.Random;

/**
 * Draws injected faults from seeded random sequences; see {@link FaultConfig}. Outcomes (refused,
 * applied and lost) and latency come from two sequences, so turning latency on does not change
 * which calls fail.
 */
public final class Faults {
    private volatile FaultConfig config = FaultConfig.NONE;
    private Random random = new Random(0);
    private Random latencyRandom = new Random(1);

    public synchronized void configure(FaultConfig newConfig) {
        config = newConfig;
        random = new Random(newConfig.seed());
        latencyRandom = new Random(newConfig.seed() ^ 0x5DEECE66DL);
    }

    public FaultConfig config() {
        return config;
    }

    /** The latency to add before answering the operation, in milliseconds (drawn at {@code latencyRate}). */
    public long latencyMillis(String operation) {
        FaultConfig c = config;
        if (!c.applies(operation) || c.latencyMillis() == 0 || c.latencyRate() == 0) {
            return 0;
        }
        if (c.latencyRate() >= 1) {
            return c.latencyMillis();
        }
        double roll;
        synchronized (this) {
            roll = latencyRandom.nextDouble();
        }
        return roll < c.latencyRate() ? c.latencyMillis() : 0;
    }

    /** An injected refusal for this call, if the draw says so; a 429 asks to retry after the given wait. */
    public Optional<AwsException> draw(Service service, String operation, long retryAfterNanos) {
        return drawOutcome(service, operation, retryAfterNanos).filter(InjectedFault::refused).map(InjectedFault::error);
    }

    /** The fault for this call, if the draw says so: refused (5xx, 429), or applied and its answer lost. */
    public Optional<InjectedFault> drawOutcome(Service service, String operation, long retryAfterNanos) {
        FaultConfig c = config;
        if (!c.applies(operation) || !c.injectsOutcomes()) {
            return Optional.empty();
        }
        double roll;
        synchronized (this) {
            roll = random.nextDouble();
        }
        double bound = c.errorRate();
        if (roll < bound) {
            return Optional.of(new InjectedFault(InjectedFault.Kind.SERVER_ERROR, serverError(service)));
        }
        bound += c.throttleRate();
        if (roll < bound) {
            return Optional.of(new InjectedFault(InjectedFault.Kind.THROTTLED, Quotas.throttled(service, retryAfterNanos)));
        }
        bound += c.appliedErrorRate();
        if (roll < bound) {
            return Optional.of(new InjectedFault(InjectedFault.Kind.APPLIED_SERVER_ERROR, serverError(service)));
        }
        bound += c.appliedDropRate();
        if (roll < bound) {
            return Optional.of(new InjectedFault(InjectedFault.Kind.APPLIED_DROPPED, null));
        }
        return Optional.empty();
    }

    private static AwsException serverError(Service service) {
        return service == Service.LAMBDA
                ? new AwsException(500, "ServiceException", "Injected fault: the service encountered an internal error")
                : new AwsException(503, "ServiceUnavailableException", "Injected fault: service unavailable");
    }
}
