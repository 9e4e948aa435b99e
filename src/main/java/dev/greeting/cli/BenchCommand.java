package dev.greeting.cli;

import dev.greeting.bench.Bench;
import dev.greeting.bench.BenchOptions;
import dev.greeting.bench.BenchReport;
import dev.greeting.bench.ClassArchive;
import dev.greeting.bench.ReadyPlot;
import dev.greeting.bench.SizeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: N GreetingApis under AWS's emulated quotas, against the quota bound and a sequential SDK peer. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark: the emulator with AWS's quotas at a time scale, a Kubernetes API (the real "
                + "kube-apiserver when built, else the embedded one), the operator as its own process; creates, "
                + "resyncs and deletes N GreetingApis and writes RESULTS.md and a plot per size."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = {"-n", "--sizes"}, split = ",", defaultValue = "100,500",
            description = "Numbers of GreetingApis, one run each (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--thousand", description = "Add N=1000 to the sizes (about 5000 emulated seconds more).")
    boolean thousand;

    @Option(names = "--time-scale", defaultValue = "10",
            description = "Quota time runs this many times faster in the emulator and the operator (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--check-scale", defaultValue = "20",
            description = "Also run the first size at this (faster) scale, to show the ratios do not depend on it (0: off).")
    double checkScale;

    @Option(names = "--delete-sizes", split = ",", defaultValue = "100",
            description = "Sizes whose deletion is measured: DeleteRestApi allows 1 per 30 s (default: ${DEFAULT-VALUE}).")
    List<Integer> deleteSizes;

    @Option(names = "--resync-interval", defaultValue = "9m", converter = RunCommand.DurationConverter.class,
            description = "The operator's resync interval, in emulated time (default: ${DEFAULT-VALUE}, the operator's default).")
    Duration resync;

    @Option(names = "--operator-quota-factor", defaultValue = "1", hidden = true,
            description = "Experiments: the operator's quotas at this share of the emulated ones (default: ${DEFAULT-VALUE}).")
    double operatorQuotaFactor;

    @Option(names = "--operator-arg", hidden = true, description = "Experiments: one more argument for the operator's run command.")
    List<String> operatorArgs = new ArrayList<>();

    @Option(names = "--no-peer", description = "Skip the sequential SDK peer.")
    boolean noPeer;

    @Option(names = "--kube", defaultValue = "auto", description = "auto (the real kube-apiserver when built), or embedded.")
    String kube;

    @Option(names = "--no-class-archive",
            description = "Start the operator without the image's class-data archive (see class-archive).")
    boolean noClassArchive;

    @Option(names = "--out", defaultValue = "bench", description = "Where RESULTS.md and the plots go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<Integer> all = new ArrayList<>(sizes);
        if (thousand && !all.contains(1000)) {
            all.add(1000);
        }
        Optional<Path> archive = Optional.empty();
        if (!noClassArchive) {
            archive = classArchive(out.resolve("work"));
        }
        BenchOptions options = new BenchOptions(all, scale, deleteSizes, resync, !noPeer, !"embedded".equals(kube), out,
                Duration.ofHours(2), operatorQuotaFactor, operatorArgs, archive);
        List<SizeResult> results = new ArrayList<>(Bench.run(options, System.out::println));
        if (checkScale > 0) {
            BenchOptions check = new BenchOptions(List.of(all.get(0)), checkScale, List.of(), resync, !noPeer,
                    options.realKube(), out, Duration.ofHours(2), operatorQuotaFactor, operatorArgs, archive);
            results.addAll(Bench.run(check, System.out::println));
        }
        List<String> plots = new ArrayList<>();
        for (SizeResult r : results) {
            Path png = out.resolve(String.format(Locale.ROOT, "ready-n%d-s%.0f.png", r.n(), r.scale()));
            ReadyPlot.write(r, png);
            plots.add(png.getFileName().toString());
        }
        String table = BenchReport.table(results);
        String calls = BenchReport.callsByOperation(results);
        System.out.println(table);
        System.out.println(calls);
        Files.writeString(out.resolve("RESULTS.generated.md"), "Generated " + Instant.now() + " by `greeting-operator bench "
                + String.join(" ", commandLine()) + "`\n\n" + table + "\n" + calls + "\nPlots: " + String.join(", ", plots) + "\n");
        System.out.println("wrote " + out.resolve("RESULTS.generated.md") + " and " + plots);
        return 0;
    }

    /** The image's class-data archive for the operator's JVM, trained as the image's build does; none from a class path. */
    private static Optional<Path> classArchive(Path work) {
        String classPath = System.getProperty("java.class.path");
        if (!ClassArchive.archivable(classPath)) {
            System.out.println("no class-data archive: the class path is not one jar");
            return Optional.empty();
        }
        long started = System.nanoTime();
        Path archive = ClassArchive.train(classPath, work.resolve("greeting-operator.jsa"), work.resolve("class-archive"));
        System.out.printf(Locale.ROOT, "class-data archive %s, trained in %.1f s%n", archive, (System.nanoTime() - started) / 1e9);
        return Optional.of(archive);
    }

    private List<String> commandLine() {
        List<String> args = new ArrayList<>();
        args.add("--sizes=" + String.join(",", sizes.stream().map(String::valueOf).toList()));
        if (thousand) {
            args.add("--thousand");
        }
        args.add("--time-scale=" + scale);
        if (checkScale > 0) {
            args.add("--check-scale=" + checkScale);
        }
        if (noClassArchive) {
            args.add("--no-class-archive");
        }
        return args;
    }
}
