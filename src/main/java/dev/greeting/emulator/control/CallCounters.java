package dev.greeting.emulator.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls received per operation, and how many of them were answered with a throttling or an
 * injected fault, so tests and benchmarks can assert on call counts rather than on time.
 */
public final class CallCounters {
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> throttled = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> faulted = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> faultKinds = new ConcurrentHashMap<>();

    public void recordCall(String operation) { bump(calls, operation); }

    public void recordThrottled(String operation) { bump(throttled, operation); }

    public void recordFault(String operation) { bump(faulted, operation); }

    /** An injected fault of this kind ({@link InjectedFault.Kind#label()}: 5xx, 429, applied+5xx, latency ...). */
    public void recordFaultKind(InjectedFault.Kind kind) { bump(faultKinds, kind.label()); }

    /** Injected faults by kind, over all operations; latency counts here but not in {@link #faulted}. */
    public Map<String, Long> faultKindSnapshot() { return snapshot(faultKinds); }

    public long calls(String operation) { return get(calls, operation); }

    public long throttled(String operation) { return get(throttled, operation); }

    public long faulted(String operation) { return get(faulted, operation); }

    /** Sum over the given operations. */
    public long calls(String... operations) {
        long sum = 0;
        for (String op : operations) {
            sum += calls(op);
        }
        return sum;
    }

    public long totalCalls() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public Map<String, Long> callSnapshot() { return snapshot(calls); }

    public Map<String, Long> throttledSnapshot() { return snapshot(throttled); }

    public Map<String, Long> faultedSnapshot() { return snapshot(faulted); }

    public void reset() {
        calls.clear();
        throttled.clear();
        faulted.clear();
        faultKinds.clear();
    }

    private static void bump(Map<String, AtomicLong> map, String op) {
        map.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
    }

    private static long get(Map<String, AtomicLong> map, String op) {
        AtomicLong v = map.get(op);
        return v == null ? 0 : v.get();
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
