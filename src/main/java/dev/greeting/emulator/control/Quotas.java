package dev.greeting.emulator.control;

import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * AWS's management-API rate limits, enforced per request. Off by default; {@code aws} enables the
 * published quotas. {@code timeScale} speeds time up (100 means a 3 s quota passes in 30 ms) so
 * tests exercise throttling without waiting for it. A call over a limit is answered as AWS does:
 * 429 TooManyRequestsException with Retry-After.
 */
public final class Quotas {
    private final LongSupplier clock;
    private final long origin;
    private volatile boolean enabled;
    private volatile double timeScale = 1;
    private final Map<Service, List<QuotaRule>> rules = new HashMap<>();
    private final Map<String, TokenBucket> buckets = new HashMap<>();

    public Quotas() {
        this(System::nanoTime);
    }

    public Quotas(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.origin = nanoClock.getAsLong();
        rules.put(Service.APIGATEWAY, QuotaRule.awsApiGateway());
        rules.put(Service.LAMBDA, QuotaRule.awsLambda());
    }

    /** Enables AWS's quotas ({@code "aws"}) or disables them ({@code "none"}). */
    public synchronized void configure(String profile, double scale) {
        if (scale <= 0) {
            throw new IllegalArgumentException("time scale must be positive: " + scale);
        }
        switch (profile.toLowerCase(Locale.ROOT)) {
            case "aws" -> enabled = true;
            case "none", "off" -> enabled = false;
            default -> throw new IllegalArgumentException("unknown quota profile '" + profile + "' (aws, none)");
        }
        timeScale = scale;
        buckets.clear();
    }

    /** Replaces one service's rules (for tests and benchmarks that need other limits). */
    public synchronized void setRules(Service service, List<QuotaRule> serviceRules) {
        rules.put(service, List.copyOf(serviceRules));
        buckets.clear();
    }

    public boolean enabled() { return enabled; }

    public double timeScale() { return timeScale; }

    public synchronized List<QuotaRule> rules(Service service) {
        return rules.getOrDefault(service, List.of());
    }

    /**
     * Takes a token from every bucket the operation draws on, or none and throws 429. All regions
     * share these buckets; {@link #acquire(Service, String, String)} keeps them apart as AWS does.
     */
    public void acquire(Service service, String operation) {
        acquire(service, "", operation);
    }

    /** As {@link #acquire(Service, String)}, with buckets per region (AWS's quotas are per account and region). */
    public void acquire(Service service, String region, String operation) {
        if (!enabled) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            long now = scaledNow();
            List<TokenBucket> applicable = new ArrayList<>();
            for (QuotaRule rule : rules.getOrDefault(service, List.of())) {
                if (rule.applies(operation)) {
                    String key = service + "/" + region + "/" + rule.name();
                    TokenBucket bucket = buckets.computeIfAbsent(key,
                            k -> new TokenBucket(rule.permitsPerSecond(), rule.burst(), now));
                    bucket.refill(now);
                    applicable.add(bucket);
                }
            }
            waitNanos = applicable.stream().mapToLong(TokenBucket::nanosUntilToken).max().orElse(0);
            if (waitNanos == 0) {
                applicable.forEach(TokenBucket::take);
                return;
            }
        }
        long realWaitNanos = (long) Math.ceil(waitNanos / timeScale);
        // At real speed AWS answers whole seconds; only a sped-up clock needs a fractional Retry-After.
        throw throttled(service, timeScale <= 1 ? wholeSeconds(realWaitNanos) : realWaitNanos);
    }

    private static long wholeSeconds(long nanos) {
        long second = 1_000_000_000L;
        return Math.max(1, (nanos + second - 1) / second) * second;
    }

    /** Emulated time: real time multiplied by the time scale. */
    private long scaledNow() {
        return (long) ((clock.getAsLong() - origin) * timeScale);
    }

    /**
     * AWS's throttling answer. Retry-After is whole seconds at real speed; under a time scale the
     * wait is sub-second, so it is written with a decimal fraction (the model types it as a string).
     */
    static AwsException throttled(Service service, long realWaitNanos) {
        String retryAfter = retryAfterValue(realWaitNanos);
        String message = service == Service.LAMBDA ? "Rate exceeded" : "Too Many Requests";
        return new AwsException(429, "TooManyRequestsException", message).withHeader("Retry-After", retryAfter);
    }

    static String retryAfterValue(long realWaitNanos) {
        double seconds = realWaitNanos / 1e9;
        if (seconds >= 1 || seconds == 0) {
            return Long.toString(Math.max(1, (long) Math.ceil(seconds)));
        }
        return String.format(Locale.ROOT, "%.3f", Math.max(0.001, seconds));
    }
}
