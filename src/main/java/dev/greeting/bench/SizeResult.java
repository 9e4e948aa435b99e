package dev.greeting.bench;

import java.util.List;
import java.util.Map;

/**
 * The figures of one size. Times are in emulated seconds (real seconds times the scale), so runs at
 * different scales compare; {@code null} where a phase did not run.
 */
public record SizeResult(int n, double scale, String kube,
                         double startToReadySeconds, double coldFirstReadySeconds,
                         Double createSeconds, QuotaBound createBound, int ready, int stalled,
                         Map<String, Long> createCalls, Map<String, Long> createThrottled,
                         SteadyState steady,
                         Double deleteSeconds, QuotaBound deleteBound, Map<String, Long> deleteThrottled, int leftAfterDelete,
                         long rssBytes, long heapBytes,
                         SequentialPeer.Outcome peer,
                         List<Double> readyTimes) {

    /** Steady state over one sweep: reads per resource, share of the 10 calls/s budget, sweep duration. */
    public record SteadyState(double readsPerResource, double budgetShare, double sweepSeconds, long writes,
                              Map<String, Long> calls) {
    }

    public long createCallsTotal() {
        return createCalls.values().stream().mapToLong(Long::longValue).sum();
    }

    public long createThrottledTotal() {
        return createThrottled.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Reads of a resync (a resource Ready early is resynced while later ones are still created). */
    static final java.util.Set<String> RESYNC_READS = java.util.Set.of("GetResources", "GetStages", "GetPolicy");

    /**
     * AWS calls per resource while the N were created, the resync reads of those already Ready left
     * out (a new resource needs none of them: CreateRestApi answers with the root resource's id).
     */
    public double callsPerResource() {
        long resyncReads = createCalls.entrySet().stream().filter(e -> RESYNC_READS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return (double) (createCallsTotal() - resyncReads) / n;
    }

    public Double createRatio() {
        return createSeconds == null || createBound.seconds() <= 0 ? null : createSeconds / createBound.seconds();
    }

    public Double peerRatio() {
        return createSeconds == null || peer == null ? null : createSeconds / peer.seconds();
    }
}
