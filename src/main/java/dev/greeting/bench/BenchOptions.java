package dev.greeting.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One bench run: the sizes to create, the emulator's time scale (quota time runs {@code scale} times
 * faster; the operator's quotas are scaled by the same factor), the sizes whose deletion is measured
 * (DeleteRestApi's 1 per 30 s makes deleting 500 take over 4 emulated hours), the operator's resync
 * interval in emulated time, whether to run the sequential SDK peer, where to write, and the
 * class-data archive the operator's JVM maps ({@link ClassArchive}; empty: none).
 */
public record BenchOptions(List<Integer> sizes, double scale, List<Integer> deleteSizes, Duration resync,
                           boolean peer, boolean realKube, Path outDir, Duration timeoutPerSize, double operatorMargin,
                           List<String> operatorArgs, Optional<Path> classArchive) {

    public static BenchOptions defaults(Path outDir) {
        return new BenchOptions(List.of(100, 500), 10, List.of(100), Duration.ofMinutes(9), true, true, outDir,
                Duration.ofMinutes(30), 1.0, List.of(), Optional.empty());
    }

    /**
     * A small run (tests): a few resources at a fast scale on the embedded API, deleted again, a
     * resync every emulated minute, no peer; files only under {@code outDir}.
     */
    public static BenchOptions small(int n, double scale, Path outDir) {
        return new BenchOptions(List.of(n), scale, List.of(n), Duration.ofMinutes(1), false, false, outDir,
                Duration.ofMinutes(10), 1.0, List.of(), Optional.empty());
    }

    public BenchOptions withRealKube(boolean real) {
        return new BenchOptions(sizes, scale, deleteSizes, resync, peer, real, outDir, timeoutPerSize, operatorMargin, operatorArgs,
                classArchive);
    }

    /** Real seconds of {@code emulatedSeconds} of quota time. */
    public double real(double emulatedSeconds) {
        return emulatedSeconds / scale;
    }
}
