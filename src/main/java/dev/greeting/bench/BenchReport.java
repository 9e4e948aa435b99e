package dev.greeting.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The figures of a run as a Markdown table (RESULTS.md) with the targets of issue 10 beside them. */
public final class BenchReport {
    private BenchReport() {
    }

    public static String table(List<SizeResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("| figure | target |");
        results.forEach(r -> md.append(String.format(Locale.ROOT, " N=%d, S=%.0f |", r.n(), r.scale())));
        md.append("\n|---|---|");
        results.forEach(r -> md.append("---|"));
        md.append('\n');
        row(md, results, "time to all Ready (emulated s)", "", r -> f0(r.createSeconds()));
        row(md, results, "quota lower bound (emulated s)", "", r -> f0(r.createBound().seconds()) + " (" + r.createBound().rule() + ")");
        row(md, results, "time / bound", "≤ 1.10", r -> f2(r.createRatio()));
        row(md, results, "sequential SDK peer (emulated s)", "", r -> r.peer() == null ? "-" : f0(r.peer().seconds())
                + " (" + r.peer().throttled() + " × 429)");
        row(md, results, "operator / peer", "", r -> f2(r.peerRatio()));
        row(md, results, "throttled calls (emulator)", "0", r -> Long.toString(r.createThrottledTotal()));
        row(md, results, "Ready / gave up (Stalled) / not Ready", "N / 0 / 0",
                r -> r.ready() + " / " + r.stalled() + " / " + (r.n() - r.ready()));
        row(md, results, "AWS calls per resource to create (resync reads left out)", "≤ 9", r -> f2(r.callsPerResource()));
        row(md, results, "steady: calls per resource per resync", "", r -> f2(r.steady().readsPerResource()));
        row(md, results, "steady: API Gateway budget share of a sweep", "≤ 60 %",
                r -> String.format(Locale.ROOT, "%.0f %%", 100 * r.steady().budgetShare()));
        row(md, results, "steady: N resyncs took (emulated s)", "≤ 600", r -> f0(r.steady().sweepSeconds()));
        row(md, results, "steady: writes during the sweep", "0", r -> Long.toString(r.steady().writes()));
        row(md, results, "delete N (emulated s)", "", r -> f0(r.deleteSeconds()));
        row(md, results, "delete bound (emulated s)", "", r -> r.deleteSeconds() == null ? "-" : f0(r.deleteBound().seconds())
                + " (" + r.deleteBound().rule() + ")");
        row(md, results, "delete / bound", "", r -> r.deleteSeconds() == null ? "-" : f2(r.deleteSeconds() / r.deleteBound().seconds()));
        row(md, results, "operator RSS (MiB)", "≤ 256", r -> Long.toString(r.rssBytes() >> 20));
        row(md, results, "operator heap used (MiB)", "", r -> Long.toString(r.heapBytes() >> 20));
        row(md, results, "operator start to ready (s)", "≤ 3", r -> f2(r.startToReadySeconds()));
        row(md, results, "first GreetingApi Ready, cold operator (real s)", "", r -> f2(r.coldFirstReadySeconds()));
        return md.toString();
    }

    /** Calls per resource by operation, for creation and for one steady sweep. */
    public static String callsByOperation(List<SizeResult> results) {
        StringBuilder md = new StringBuilder("| operation |");
        results.forEach(r -> md.append(String.format(Locale.ROOT, " create N=%d | steady N=%d |", r.n(), r.n())));
        md.append("\n|---|");
        results.forEach(r -> md.append("---|---|"));
        md.append('\n');
        Map<String, Boolean> ops = new TreeMap<>();
        results.forEach(r -> {
            r.createCalls().keySet().forEach(k -> ops.put(k, true));
            r.steady().calls().keySet().forEach(k -> ops.put(k, true));
        });
        for (String op : ops.keySet()) {
            md.append("| ").append(op).append(" |");
            for (SizeResult r : results) {
                double resynced = Math.max(1, r.steady().calls().getOrDefault("GetResources", 1L));
                md.append(' ').append(f2(r.createCalls().getOrDefault(op, 0L) / (double) r.n())).append(" | ")
                        .append(f2(r.steady().calls().getOrDefault(op, 0L) / resynced)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<SizeResult> results, String name, String target,
                            java.util.function.Function<SizeResult, String> value) {
        md.append("| ").append(name).append(" | ").append(target).append(" |");
        results.forEach(r -> md.append(' ').append(value.apply(r)).append(" |"));
        md.append('\n');
    }

    static String f0(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String f2(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
