package dev.greeting.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Every AWS call of every resource goes through here. Each call takes a slot from the token
 * buckets of its quotas (per service and region, shared by all resources) and waits for it, so the
 * operator as a whole stays under AWS's rates. Slots are handed out in order (GCRA), so no
 * resource starves. A 429 anyway (another client on the account) pauses the operation for the
 * Retry-After AWS sent and the call is retried: throttling costs time, never a failure, unless
 * the wait exceeds the per-call budget, in which case the caller gets a {@code Throttled}
 * failure carrying the wait, to reschedule instead of holding a thread.
 */
public final class CallScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(CallScheduler.class);
    static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(1);
    static final int TRANSIENT_RETRIES = 2;
    /**
     * Calls that create something each time they are sent. A 5xx or a lost answer does not say
     * whether AWS applied them, so resending in place could make a second REST API (deployment,
     * validator): their failure goes back to the reconciler, which observes (finds its API by UID
     * tag) before it creates again. A 429 is still waited out: AWS applies nothing it throttles.
     */
    static final java.util.Set<String> NOT_RESENT_AFTER_OUTAGE =
            java.util.Set.of("CreateRestApi", "CreateDeployment", "CreateRequestValidator");
    /** How much slower than each quota the operator books its calls (1 %): see {@link Bucket}. */
    static final double HEADROOM = 0.01;
    /**
     * Whom the calls on this thread are for (a resource's UID, set by {@link AwsAdapter}): a call
     * that would wait longer than the budget keeps its place in the queue under that name.
     */
    private static final ThreadLocal<String> CALLER = new ThreadLocal<>();

    /** Sleeps; tests may count instead. */
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final QuotaPolicy policy;
    private final long maxWaitNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final AwsCallListener listener;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, Long> notBefore = new HashMap<>();
    /** Slots booked for callers sent away to come back later, by caller and operation. */
    private final Map<String, Reservation> reservations = new HashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> throttled = new ConcurrentHashMap<>();

    public CallScheduler(QuotaPolicy policy, Duration maxWait) {
        this(policy, maxWait, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    public CallScheduler(QuotaPolicy policy, Duration maxWait, AwsCallListener listener) {
        this(policy, maxWait, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)), listener);
    }

    public CallScheduler(QuotaPolicy policy, Duration maxWait, LongSupplier nanoClock, Sleeper sleeper) {
        this(policy, maxWait, nanoClock, sleeper, AwsCallListener.NONE);
    }

    public CallScheduler(QuotaPolicy policy, Duration maxWait, LongSupplier nanoClock, Sleeper sleeper,
                         AwsCallListener listener) {
        this.listener = listener;
        this.policy = policy;
        this.maxWaitNanos = maxWait.toNanos();
        this.clock = nanoClock;
        this.sleeper = sleeper;
    }

    public QuotaPolicy policy() {
        return policy;
    }

    /**
     * Runs {@code work} with its calls made for {@code caller}. When one of them would wait for its
     * quota longer than the budget, the scheduler books its slot anyway and throws a
     * {@link AwsFailure#queued() queued} failure saying when to come back; the caller's next
     * attempt at that operation takes the booked slot. A thousand deletes (DeleteRestApi, 1 per
     * 30 s) then each come back once, at their turn, and the bucket never idles between them;
     * without the booking they would all come back together, one would win, and the rest would
     * back off further each round.
     */
    public static <T> T onBehalfOf(String caller, Supplier<T> work) {
        String before = CALLER.get();
        CALLER.set(caller);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CALLER.remove();
            } else {
                CALLER.set(before);
            }
        }
    }

    /** Slots booked for callers that have not come back yet (metrics, tests). */
    public synchronized int reservations() {
        return reservations.size();
    }

    /** Runs the call under the quotas, waiting out throttling and retrying brief outages. */
    public <T> T call(AwsService service, String region, String operation, Supplier<T> call) {
        long deadline = clock.getAsLong() + maxWaitNanos;
        int transientFailures = 0;
        while (true) {
            List<Bucket> serial = acquire(service, region, operation, deadline);
            count(calls, operation);
            T result;
            try {
                result = call.get();
            } catch (SdkException e) {
                answered(serial);
                AwsFailure failure = ErrorClassifier.classify(service, operation, e);
                listener.completed(service, operation, outcome(failure, e));
                if (failure.is(ErrorClassifier.THROTTLED)) {
                    count(throttled, operation);
                    Duration pause = failure.retryAfter() != null ? failure.retryAfter() : DEFAULT_THROTTLE_PAUSE;
                    LOG.debug("{} {} throttled by AWS; pausing it for {}", operation, region, pause);
                    pause(service, region, operation, pause);
                } else if (isBriefOutage(failure) && transientFailures < TRANSIENT_RETRIES
                        && !NOT_RESENT_AFTER_OUTAGE.contains(operation)) {
                    transientFailures++;
                    sleep(Duration.ofMillis(100L << transientFailures).toNanos());
                } else {
                    throw failure;
                }
                continue;
            } catch (RuntimeException | Error e) {
                answered(serial);
                throw e;
            }
            answered(serial);
            listener.completed(service, operation, AwsCallListener.SUCCESS);
            return result;
        }
    }

    /** The outcome label of a failed attempt: throttled, AWS's error code, or Unreachable. */
    static String outcome(AwsFailure failure, SdkException e) {
        if (failure.is(ErrorClassifier.THROTTLED)) {
            return AwsCallListener.THROTTLED;
        }
        if (e instanceof SdkServiceException serviceException) {
            return ErrorClassifier.errorCode(serviceException);
        }
        return "Unreachable";
    }

    /** Calls made (including retries) per operation, since start. */
    public long calls(String operation) {
        AtomicLong n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Calls AWS answered with throttling, per operation, since start. */
    public long throttled(String operation) {
        AtomicLong n = throttled.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Calls made per operation, for metrics. */
    public Map<String, Long> callCounts() {
        return snapshot(calls);
    }

    /** Throttled answers per operation, for metrics. */
    public Map<String, Long> throttledCounts() {
        return snapshot(throttled);
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
        Map<String, Long> result = new java.util.TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }

    private static boolean isBriefOutage(AwsFailure f) {
        return f.is(ErrorClassifier.UNAVAILABLE) || f.is(ErrorClassifier.UNREACHABLE);
    }

    /**
     * Two steps, so that a call waiting seconds for a narrow quota (CreateDeployment, 1 per 5 s)
     * does not book the service-wide bucket seconds ahead: a booking in the future would hold every
     * other operation back until then, and the slowest bucket would idle while the rest of a
     * resource's calls wait. First the operation's own buckets are booked, in order (GCRA), and
     * waited for; then the service-wide bucket is taken when the call really goes out. Under a
     * quota without burst (1 per 3 s, 1 per 5 s, 1 per 30 s) a call also goes out no sooner than
     * one interval after the previous call of that quota was answered: AWS received that one
     * before it answered, so however late it went out (a cold JVM's first request takes a second)
     * the two are an interval apart as AWS measures. Returns those quotas' buckets, held until
     * {@link #answered}.
     */
    private List<Bucket> acquire(AwsService service, String region, String operation, long deadline) {
        long start;
        long slot;
        List<Bucket> narrow = new ArrayList<>();
        List<Bucket> wide = new ArrayList<>();
        List<Bucket> serial = new ArrayList<>();
        synchronized (this) {
            start = clock.getAsLong();
            for (Quota q : policy.applicable(service, operation)) {
                Bucket b = buckets.computeIfAbsent(service + "/" + region + "/" + q.name(), k -> new Bucket(q, start));
                (q.isServiceWide() ? wide : narrow).add(b);
                if (!q.isServiceWide() && q.burst() < 2) {
                    serial.add(b);
                }
            }
            String caller = CALLER.get();
            String reservationKey = caller == null || narrow.isEmpty() ? null : caller + "|" + key(service, region, operation);
            Long reserved = reservationKey == null ? null : claim(reservationKey, start);
            slot = Math.max(start, notBefore.getOrDefault(key(service, region, operation), start));
            if (reserved != null) {
                slot = Math.max(slot, reserved); // its narrow buckets were booked when it was sent away
            } else {
                for (Bucket b : narrow) {
                    slot = Math.max(slot, b.earliest());
                }
            }
            long wideSlot = slot;
            for (Bucket b : wide) {
                wideSlot = Math.max(wideSlot, b.earliest());
            }
            if (wideSlot > deadline) {
                if (reservationKey != null) {
                    if (reserved == null) {
                        for (Bucket b : narrow) {
                            b.take(slot);
                        }
                    }
                    // Callers that never came back (deleted, or changed their mind) leave no entry behind.
                    long now = start;
                    reservations.values().removeIf(r -> now > r.staleAfter());
                    reservations.put(reservationKey, new Reservation(slot, slot + maxWaitNanos + interval(narrow)));
                    // Back half a budget early: what the caller does first (reads) happens in that half.
                    Duration wait = Duration.ofNanos(Math.max(0, wideSlot - start - maxWaitNanos / 2));
                    throw AwsFailure.queued(operation, region, wait);
                }
                Duration wait = Duration.ofNanos(wideSlot - start);
                throw new AwsFailure(ErrorClassifier.THROTTLED, operation + " is waiting for its AWS quota in " + region,
                        AwsFailure.Retry.TRANSIENT, wait, operation, null);
            }
            if (reserved == null) {
                for (Bucket b : narrow) {
                    b.take(slot);
                }
            }
        }
        if (slot > start) {
            sleep(slot - start);
        }
        long sent;
        while (true) {
            long wait;
            synchronized (this) {
                long now = clock.getAsLong();
                if (serial.stream().anyMatch(b -> b.inFlight)) {
                    awaitAnswer();
                    continue;
                }
                long earliest = Math.max(now, slot);
                for (Bucket b : serial) {
                    earliest = Math.max(earliest, b.answeredAt + b.interval);
                }
                if (earliest <= now) {
                    sent = now;
                    for (Bucket b : wide) {
                        sent = Math.max(sent, b.earliest());
                    }
                    for (Bucket b : wide) {
                        b.take(sent);
                    }
                    for (Bucket b : narrow) {
                        b.sentLate(slot, sent);
                    }
                    serial.forEach(b -> b.inFlight = true);
                    break;
                }
                wait = earliest - now;
            }
            sleep(wait);
        }
        long remaining = sent - clock.getAsLong();
        if (remaining > 0) {
            try {
                sleep(remaining);
            } catch (AwsFailure interrupted) {
                answered(serial);
                throw interrupted;
            }
        }
        listener.waitedForQuota(service, operation, Duration.ofNanos(Math.max(0, sent - start)));
        return serial;
    }

    /**
     * The slot booked for this caller, if it is not stale: a caller that comes back more than a
     * budget (and an interval) after its slot lost it (it was deleted, or changed its mind) and
     * queues again at the end.
     */
    private Long claim(String reservationKey, long now) {
        Reservation reserved = reservations.remove(reservationKey);
        return reserved == null || now > reserved.staleAfter() ? null : reserved.slot();
    }

    private static long interval(List<Bucket> narrow) {
        return narrow.stream().mapToLong(b -> b.interval).max().orElse(0);
    }

    /** A booked slot, and when it is lost if its caller has not come back for it. */
    private record Reservation(long slot, long staleAfter) {
    }

    /** The call holding these buckets was answered (or failed): the next one may go an interval from now. */
    private synchronized void answered(List<Bucket> serial) {
        if (serial.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        for (Bucket b : serial) {
            b.inFlight = false;
            b.answeredAt = now;
        }
        notifyAll();
    }

    private void awaitAnswer() {
        try {
            wait(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsFailure(ErrorClassifier.UNAVAILABLE, "interrupted while waiting for an AWS quota",
                    AwsFailure.Retry.TRANSIENT, null, "wait", e);
        }
    }

    private synchronized void pause(AwsService service, String region, String operation, Duration pause) {
        long until = clock.getAsLong() + pause.toNanos();
        notBefore.merge(key(service, region, operation), until, Math::max);
    }

    private void sleep(long nanos) {
        try {
            sleeper.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsFailure(ErrorClassifier.UNAVAILABLE, "interrupted while waiting for an AWS quota",
                    AwsFailure.Retry.TRANSIENT, null, "wait", e);
        }
    }

    private static String key(AwsService service, String region, String operation) {
        return service + "/" + region + "/" + operation;
    }

    private static void count(Map<String, AtomicLong> map, String operation) {
        map.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    /**
     * A generic cell rate bucket: one call per interval, {@code burst} of them at once. The interval
     * is {@link #HEADROOM} longer than the quota's: calls booked exactly at AWS's rate reach AWS
     * with the jitter of the path between (signing, connections, threads on a busy machine, the
     * network); a burst absorbs it (less one slot, kept back), and where there is none,
     * {@link #acquire} also spaces calls from the previous answer.
     */
    private static final class Bucket {
        private final long interval;
        private final long tolerance;
        private long theoreticalArrival;
        /** Quotas without burst: a call of it is out, and when the last one was answered. */
        private boolean inFlight;
        private long answeredAt = Long.MIN_VALUE / 2;

        Bucket(Quota quota, long now) {
            this.interval = (long) Math.ceil(1e9 * (1 + HEADROOM) / quota.permitsPerSecond());
            // One slot of a burst is kept back. A call delayed on its way (a busy machine, a slow
            // connection) reaches AWS while AWS's bucket is already full, so the refill it was booked
            // against is lost; with every slot booked, the next on-time call is then throttled.
            this.tolerance = (long) (Math.max(0, quota.burst() - 2) * interval);
            this.theoreticalArrival = now;
        }

        long earliest() {
            return theoreticalArrival - tolerance;
        }

        void take(long at) {
            theoreticalArrival = Math.max(theoreticalArrival, at) + interval;
        }

        /** A call booked for {@code slot} went out at {@code sent}: the next one keeps its distance from {@code sent}. */
        void sentLate(long slot, long sent) {
            if (sent > slot) {
                theoreticalArrival = Math.max(theoreticalArrival, sent + interval);
            }
        }
    }
}
