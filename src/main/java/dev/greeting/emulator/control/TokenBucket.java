package dev.greeting.emulator.control;

/** A token bucket on an injectable nanosecond clock; not thread-safe (the caller locks). */
final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    TokenBucket(double permitsPerSecond, double burst, long nowNanos) {
        this.ratePerNano = permitsPerSecond / 1_000_000_000d;
        this.capacity = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    void refill(long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * ratePerNano);
            lastNanos = nowNanos;
        }
    }

    boolean hasToken() {
        return tokens >= 1d;
    }

    void take() {
        tokens -= 1d;
    }

    /** Nanoseconds until one whole token is available. */
    long nanosUntilToken() {
        return hasToken() ? 0 : (long) Math.ceil((1d - tokens) / ratePerNano);
    }
}
