package dev.greeting.emulator.control;

import java.util.Set;

/**
 * Faults to inject into management-API calls: a share answered 5xx, a share answered 429, and
 * added latency. {@code operations} limits them to some operations (empty: all). The seed makes a
 * run repeatable: the same sequence of calls draws the same faults.
 */
public record FaultConfig(double errorRate, double throttleRate, long latencyMillis, long seed, Set<String> operations) {
    public static final FaultConfig NONE = new FaultConfig(0, 0, 0, 0, Set.of());

    public FaultConfig {
        if (errorRate < 0 || throttleRate < 0 || errorRate + throttleRate > 1) {
            throw new IllegalArgumentException("errorRate and throttleRate must be >= 0 and add up to at most 1");
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0");
        }
        operations = operations == null ? Set.of() : Set.copyOf(operations);
    }

    boolean applies(String operation) {
        return operations.isEmpty() || operations.contains(operation);
    }
}
