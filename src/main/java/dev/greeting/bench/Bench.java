package dev.greeting.bench;

import dev.greeting.emulator.control.CallCounters;
import dev.greeting.emulator.http.Service;
import dev.greeting.model.GreetingApi;
import dev.greeting.model.GreetingApiSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One bench run: for each size, a fresh operator process in its own namespace creates N
 * GreetingApis under AWS's emulated quotas; then one resync sweep is watched, the process's memory
 * read, the N deleted (for the delete sizes), and the sequential SDK peer does the same creation
 * work. Every figure comes from the emulator's counters, the operator's /metrics and /proc, or the
 * informer's Ready times; see {@link SizeResult}.
 */
public final class Bench {
    static final String REGION = "us-west-2";
    private static final Duration OPERATOR_START_TIMEOUT = Duration.ofSeconds(120);

    private final BenchOptions options;
    private final BenchEnvironment env;
    private final Consumer<String> log;

    private Bench(BenchOptions options, BenchEnvironment env, Consumer<String> log) {
        this.options = options;
        this.env = env;
        this.log = log;
    }

    /** Runs every size of {@code options}, each on the same emulator and Kubernetes API. */
    public static List<SizeResult> run(BenchOptions options, Consumer<String> log) throws Exception {
        Files.createDirectories(options.outDir().resolve("work"));
        try (BenchEnvironment env = BenchEnvironment.start(options)) {
            log.accept("emulator " + env.awsEndpoint() + " (quotas aws, time scale " + options.scale() + "); Kubernetes: "
                    + env.kubeDescription());
            Bench bench = new Bench(options, env, log);
            List<SizeResult> results = new ArrayList<>();
            for (int n : options.sizes()) {
                results.add(bench.size(n));
            }
            return results;
        }
    }

    private SizeResult size(int n) throws Exception {
        String namespace = "bench-" + n + "-" + Math.round(options.scale());
        env.client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        String[] functions = new String[n];
        for (int i = 0; i < n; i++) {
            functions[i] = env.functionFor(namespace, i);
        }
        CallCounters counters = env.emulator.counters();
        env.emulator.quotas().configure("aws", options.scale());
        Path operatorLog = options.outDir().resolve("work").resolve("operator-" + namespace + ".log");
        log.accept("N=" + n + ": starting the operator (" + operatorLog + ")");
        try (OperatorProcess operator = OperatorProcess.start(env, options, namespace, operatorLog)) {
            Duration startToReady = operator.awaitReady(OPERATOR_START_TIMEOUT);
            double coldFirstReady = warmUp(namespace, functions[0]);
            log.accept(String.format("N=%d: warm-up GreetingApi Ready %.2f s (real) after the operator was ready; deleted", n,
                    coldFirstReady));
            env.emulator.quotas().configure("aws", options.scale()); // full buckets, as an idle account has
            counters.reset();
            long origin = System.nanoTime();
            try (ReadyTracker tracker = new ReadyTracker(env.client, namespace, origin)) {
                for (int i = 0; i < n; i++) {
                    env.client.resource(greetingApi(namespace, String.format("api-%04d", i), functions[i])).create();
                }
                QuotaBound createBound = QuotaBound.of(n, Recipe.API_GATEWAY, env.emulator.quotas().rules(Service.APIGATEWAY),
                        Recipe.LAMBDA, env.emulator.quotas().rules(Service.LAMBDA));
                Duration timeout = Duration.ofMillis((long) Math.min(options.timeoutPerSize().toMillis(),
                        60_000 + 3_000 * options.real(createBound.seconds())));
                boolean allReady = await(() -> tracker.ready() >= n || tracker.stalled().size() + tracker.ready() >= n, timeout);
                List<Double> readyTimes = tracker.readyTimes();
                Double createSeconds = allReady && tracker.ready() >= n ? readyTimes.get(readyTimes.size() - 1) * options.scale() : null;
                Map<String, Long> createCalls = counters.callSnapshot();
                Map<String, Long> createThrottled = counters.throttledSnapshot();
                log.accept(String.format("N=%d: %d Ready in %s emulated s (bound %.0f s, %s); calls %s; throttled %s", n,
                        tracker.ready(), createSeconds == null ? "-" : String.format("%.0f", createSeconds),
                        createBound.seconds(), createBound.rule(), createCalls, createThrottled));

                SizeResult.SteadyState steady = steadyState(n, counters);
                long rss = operator.rssBytes();
                long heap = operator.heapUsedBytes();
                log.accept(String.format("N=%d: steady %s; RSS %d MiB, heap %d MiB, start to ready %d ms", n, steady,
                        rss >> 20, heap >> 20, startToReady.toMillis()));

                Double deleteSeconds = null;
                QuotaBound deleteBound = QuotaBound.of(n, Recipe.DELETE_API_GATEWAY, env.emulator.quotas().rules(Service.APIGATEWAY),
                        Recipe.DELETE_LAMBDA, env.emulator.quotas().rules(Service.LAMBDA));
                Map<String, Long> deleteThrottled = Map.of();
                int left = 0;
                if (options.deleteSizes().contains(n)) {
                    counters.reset();
                    long start = System.nanoTime();
                    env.client.resources(GreetingApi.class).inNamespace(namespace).delete();
                    Duration deleteTimeout = Duration.ofMillis((long) (60_000 + 3_000 * options.real(deleteBound.seconds())));
                    boolean gone = await(() -> tracker.present() == 0, deleteTimeout);
                    left = tracker.present();
                    deleteSeconds = gone ? tracker.lastGoneSince(start) * options.scale() : null;
                    deleteThrottled = counters.throttledSnapshot();
                    log.accept(String.format("N=%d: deleted in %s emulated s (bound %.0f s); calls %s; throttled %s", n,
                            deleteSeconds == null ? "-" : String.format("%.0f", deleteSeconds), deleteBound.seconds(),
                            counters.callSnapshot(), deleteThrottled));
                }
                operator.close();
                forget(namespace);

                SequentialPeer.Outcome peer = null;
                if (options.peer()) {
                    env.emulator.quotas().configure("aws", options.scale());
                    peer = SequentialPeer.run(env, n, options.scale());
                    log.accept(String.format("N=%d: sequential SDK peer %.0f emulated s, %d calls, %d throttled", n,
                            peer.seconds(), peer.calls(), peer.throttled()));
                }
                return new SizeResult(n, options.scale(), env.kubeDescription(), startToReady.toMillis() / 1000d, coldFirstReady,
                        createSeconds, createBound, tracker.ready(), tracker.stalled().size(), createCalls, createThrottled,
                        steady, deleteSeconds, deleteBound, deleteThrottled, left, rss, heap, peer, readyTimes);
            }
        }
    }

    /**
     * One GreetingApi created and deleted by the fresh operator before the N: a cold JVM's first
     * reconcile (class loading, JIT, the first TLS and HTTP connections) costs 3-4 real seconds, a
     * fixed cost that would otherwise count as 30-80 emulated seconds against the quota bound and
     * grow with the scale S. It is reported on its own; the emulator's buckets are refilled after it.
     * Returns the real seconds from its creation to Ready.
     */
    private double warmUp(String namespace, String functionArn) {
        var resource = env.client.resources(GreetingApi.class).inNamespace(namespace).withName("warm-up");
        long start = System.nanoTime();
        env.client.resource(greetingApi(namespace, "warm-up", functionArn)).create();
        if (!await(() -> isReady(resource.get()), OPERATOR_START_TIMEOUT)) {
            throw new IllegalStateException("the warm-up GreetingApi " + namespace + "/warm-up did not become Ready in "
                    + OPERATOR_START_TIMEOUT + "; status " + (resource.get() == null ? null : resource.get().getStatus()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        resource.delete();
        if (!await(() -> resource.get() == null, OPERATOR_START_TIMEOUT)) {
            throw new IllegalStateException("the warm-up GreetingApi " + namespace + "/warm-up was not deleted in "
                    + OPERATOR_START_TIMEOUT);
        }
        return seconds;
    }

    private static boolean isReady(GreetingApi api) {
        return api != null && api.getStatus() != null && api.getStatus().getConditions() != null
                && api.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                && "True".equals(c.getStatus()) && java.util.Objects.equals(c.getObservedGeneration(), api.getMetadata().getGeneration()));
    }

    /**
     * One drift sweep after convergence: from a counter reset until every resource has been read
     * once more (N GetResources), or one and a half resync intervals.
     */
    private SizeResult.SteadyState steadyState(int n, CallCounters counters) {
        counters.reset();
        long start = System.nanoTime();
        Duration window = Duration.ofMillis((long) (1.5 * options.real(options.resync().toMillis()))).plusSeconds(30);
        await(() -> counters.calls("GetResources") >= n, window);
        // A resync reads GetResources first: the N-th resync's GetStages and GetPolicy follow it.
        await(() -> counters.calls("GetStages") >= n && counters.calls("GetPolicy") >= n, Duration.ofSeconds(5));
        double realSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> calls = counters.callSnapshot();
        long apiGatewayReads = 0;
        long writes = 0;
        long all = 0;
        for (var e : calls.entrySet()) {
            all += e.getValue();
            boolean read = e.getKey().startsWith("Get");
            if (read && !"GetPolicy".equals(e.getKey())) {
                apiGatewayReads += e.getValue();
            }
            if (!read) {
                writes += e.getValue();
            }
        }
        double resynced = Math.max(1, counters.calls("GetResources"));
        double emulatedSeconds = realSeconds * options.scale();
        double readsPerSweep = apiGatewayReads * (n / resynced);
        return new SizeResult.SteadyState(all / resynced, readsPerSweep / (10.0 * options.resync().toSeconds()),
                emulatedSeconds, writes, calls);
    }

    /** After a size: no finalizer holds its objects, and its REST APIs are gone, so the next size starts clean. */
    private void forget(String namespace) {
        for (GreetingApi api : env.client.resources(GreetingApi.class).inNamespace(namespace).list().getItems()) {
            env.client.resources(GreetingApi.class).inNamespace(namespace).withName(api.getMetadata().getName())
                    .edit(a -> {
                        a.getMetadata().setFinalizers(List.of());
                        return a;
                    });
        }
        env.client.resources(GreetingApi.class).inNamespace(namespace).delete();
        env.emulator.apiGateway().reset();
    }

    static GreetingApi greetingApi(String namespace, String name, String functionArn) {
        GreetingApiSpec spec = new GreetingApiSpec();
        spec.setFunctionArn(functionArn);
        spec.setPath("greeting");
        spec.setStage("test");
        GreetingApi api = new GreetingApi();
        api.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        api.setSpec(spec);
        return api;
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code timeout} passes. */
    static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            OperatorProcess.pause(100);
        }
        return condition.getAsBoolean();
    }

    static Map<String, Long> sorted(Map<String, Long> m) {
        return new TreeMap<>(m);
    }
}
