package dev.greeting.bench;

import dev.greeting.aws.Quota;
import dev.greeting.aws.QuotaPolicy;
import dev.greeting.cli.RunCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as its own JVM ({@code greeting-operator run}, the jar's main class on this JVM's
 * class path), so that its memory is its own: a kubeconfig, the emulator as {@code AWS_ENDPOINT_URL}
 * with test/test, and AWS's quotas scaled by the emulator's time scale ({@code --quota} flags).
 * The JVM is told it runs in the Deployment's container (limits 512Mi and 1 CPU, the image's
 * MaxRAMPercentage=75), so that it sizes its heap and picks its collector as it does there; on a
 * bench machine's 24 GB it would otherwise start with a 384 MB heap (1/64 of the RAM) and count
 * all of it in its RSS. With a {@link ClassArchive}, it maps the image's class-data archive as the
 * image's ENTRYPOINT does.
 */
public final class OperatorProcess implements AutoCloseable {
    static final List<String> JVM_FLAGS = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=75",
            "-XX:ActiveProcessorCount=1", "-XX:+ExitOnOutOfMemoryError");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int metricsPort;
    private final long startedNanos;
    private final Path log;
    private Duration startToReady;

    private OperatorProcess(Process process, int metricsPort, long startedNanos, Path log) {
        this.process = process;
        this.metricsPort = metricsPort;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /** Starts the operator watching {@code namespace}; {@link #awaitReady} waits for its /readyz. */
    public static OperatorProcess start(BenchEnvironment env, BenchOptions options, String namespace, Path log) {
        List<String> args = new ArrayList<>();
        args.add("--namespace=" + namespace);
        args.add("--resync-interval=" + Math.max(1, Math.round(options.resync().toMillis() / options.scale())) + "ms");
        if (options.operatorArgs().stream().noneMatch(a -> a.startsWith("--max-quota-wait"))) {
            // The operator's default in emulated time.
            Duration wait = new RunCommand.DurationConverter().convert(RunCommand.DEFAULT_MAX_QUOTA_WAIT);
            args.add("--max-quota-wait=" + Math.max(1, Math.round(wait.toMillis() / options.scale())) + "ms");
        }
        args.addAll(quotaFlags(options.scale() * options.operatorMargin()));
        args.addAll(options.operatorArgs());
        List<String> jvmFlags = options.classArchive().map(ClassArchive::useFlags).orElse(List.of());
        return launch(System.getProperty("java.class.path"), jvmFlags, env.kubeconfig, env.awsEndpoint(), Bench.REGION,
                Map.of(), args, log);
    }

    /**
     * {@code greeting-operator run} with {@code args} (and a free {@code --metrics-port}) in a JVM
     * of its own on {@code classPath}: the kubeconfig, the emulator as {@code AWS_ENDPOINT_URL}
     * with test/test, {@code region} as AWS_REGION, and {@code extraEnv} (e.g. POD_NAME, the
     * leader-election identity). Its output goes to {@code log}.
     */
    public static OperatorProcess launch(String classPath, Path kubeconfig, URI awsEndpoint, String region,
                                         Map<String, String> extraEnv, List<String> args, Path log) {
        return launch(classPath, List.of(), kubeconfig, awsEndpoint, region, extraEnv, args, log);
    }

    /** As {@link #launch(String, Path, URI, String, Map, List, Path)}, with {@code jvmFlags} after the container's. */
    public static OperatorProcess launch(String classPath, List<String> jvmFlags, Path kubeconfig, URI awsEndpoint,
                                         String region, Map<String, String> extraEnv, List<String> args, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classPath);
        command.add("dev.greeting.cli.Main");
        command.add("run");
        command.add("--metrics-port=" + port);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("AWS_ENDPOINT_URL", awsEndpoint.toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_REGION", region);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(extraEnv);
        try {
            long started = System.nanoTime();
            return new OperatorProcess(builder.start(), port, started, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** AWS's quotas as {@code --quota} flags, every rate multiplied by {@code factor}. */
    public static List<String> quotaFlags(double factor) {
        List<String> flags = new ArrayList<>();
        for (Quota q : QuotaPolicy.awsDefaults().scaled(factor).quotas()) {
            flags.add(String.format(Locale.ROOT, "--quota=%s=%.6f/%s", q.name(), q.permitsPerSecond(), trim(q.burst())));
        }
        return flags;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Waits until /readyz answers 200; the start-to-ready time is measured from the process start. */
    public Duration awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the operator exited with " + process.exitValue() + "; see " + log);
            }
            if (get("/readyz").map(r -> r.statusCode() == 200).orElse(false)) {
                startToReady = Duration.ofNanos(System.nanoTime() - startedNanos);
                return startToReady;
            }
            pause(20);
        }
        throw new IllegalStateException("the operator was not ready within " + timeout + "; see " + log);
    }

    public Duration startToReady() {
        return startToReady;
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size from /proc (Linux), in bytes; -1 elsewhere. */
    public long rssBytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Heap in use, the sum of {@code jvm_memory_used_bytes{area="heap"}} on /metrics, in bytes. */
    public long heapUsedBytes() {
        String metrics = get("/metrics").map(HttpResponse::body).orElse("");
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    /** One counter of /metrics summed over its label sets matching {@code labelPart} (may be empty). */
    public double metric(String name, String labelPart) {
        String metrics = get("/metrics").map(HttpResponse::body).orElse("");
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelPart)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private java.util.Optional<HttpResponse<String>> get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return java.util.Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL, as a node failure or the OOM killer would: no shutdown hook runs, the Lease is not released. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
