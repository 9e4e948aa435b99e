package dev.greeting.emulator.control;

import java.util.Set;

/**
 * Faults to inject into management-API calls. Refused before the call is applied: a share answered
 * 5xx ({@code errorRate}) and a share answered 429 ({@code throttleRate}). Applied, then the answer
 * is lost: a share answered 5xx after the handler ran ({@code appliedErrorRate}) and a share whose
 * connection is closed without an answer, as a timed-out call looks to the client
 * ({@code appliedDropRate}); these are the faults that make a non-idempotent call (CreateRestApi)
 * look failed although it took effect. A share ({@code latencyRate}) is delayed by
 * {@code latencyMillis}. {@code operations} limits them to some operations (empty: all). The seed
 * makes a run repeatable: the same sequence of calls draws the same faults.
 */
public record FaultConfig(double errorRate, double throttleRate, long latencyMillis, long seed, Set<String> operations,
                          double appliedErrorRate, double appliedDropRate, double latencyRate) {
    public static final FaultConfig NONE = new FaultConfig(0, 0, 0, 0, Set.of());

    public FaultConfig {
        if (errorRate < 0 || throttleRate < 0 || appliedErrorRate < 0 || appliedDropRate < 0
                || errorRate + throttleRate + appliedErrorRate + appliedDropRate > 1) {
            throw new IllegalArgumentException("errorRate, throttleRate, appliedErrorRate and appliedDropRate must be"
                    + " >= 0 and add up to at most 1");
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0");
        }
        if (latencyRate < 0 || latencyRate > 1) {
            throw new IllegalArgumentException("latencyRate must be between 0 and 1");
        }
        operations = operations == null ? Set.of() : Set.copyOf(operations);
    }

    /** Refusals only; every call delayed by {@code latencyMillis}. */
    public FaultConfig(double errorRate, double throttleRate, long latencyMillis, long seed, Set<String> operations) {
        this(errorRate, throttleRate, latencyMillis, seed, operations, 0, 0, 1);
    }

    boolean applies(String operation) {
        return operations.isEmpty() || operations.contains(operation);
    }

    boolean injectsOutcomes() {
        return errorRate + throttleRate + appliedErrorRate + appliedDropRate > 0;
    }
}
