package dev.greeting.aws;

import java.util.Set;

/**
 * One rate limit the operator keeps itself under: {@code permitsPerSecond} sustained, up to
 * {@code burst} at once, shared by the named operations ({@link #ALL} for every operation of the
 * service).
 */
public record Quota(String name, AwsService service, Set<String> operations, double permitsPerSecond, double burst) {
    public static final String ALL = "*";

    public Quota {
        operations = Set.copyOf(operations);
        if (permitsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("quota " + name + ": rate must be > 0 and burst >= 1");
        }
    }

    public boolean applies(AwsService callService, String operation) {
        return service == callService && (operations.contains(ALL) || operations.contains(operation));
    }

    public boolean isServiceWide() {
        return operations.contains(ALL);
    }

    public Quota withRate(double newRate, double newBurst) {
        return new Quota(name, service, operations, newRate, newBurst);
    }
}
