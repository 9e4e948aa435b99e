package dev.greeting.emulator.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Runs Lambda functions for real: Node.js handlers in warm {@code node} processes, one execution
 * environment per concurrent invocation of a function version (reused while warm, replaced when the
 * function's code or configuration changes, after a timeout, or after the process exits).
 * Owned by the Lambda emulator, which closes it with itself.
 */
public final class LambdaRuntime implements AutoCloseable {
    private static final String BOOTSTRAP = "bootstrap.cjs";

    private final RuntimeOptions options;
    private Path root; // created at the first invocation
    private Path bootstrap;
    private final Map<String, Environments> byFunction = new HashMap<>();
    private boolean closed;

    public LambdaRuntime(RuntimeOptions options) {
        this.options = options;
    }

    public LambdaRuntime() {
        this(RuntimeOptions.defaults());
    }

    public RuntimeOptions options() {
        return options;
    }

    /**
     * Invokes the function synchronously (RequestResponse). The payload must be JSON (empty means
     * {@code {}}); a handler error, timeout or crash is a result with a function error, never an
     * exception. Throws {@link RuntimeUnavailableException} when the function cannot run here.
     */
    public InvocationResult invoke(FunctionSpec spec, byte[] payload) {
        if (!spec.isNode()) {
            throw RuntimeUnavailableException.unsupportedRuntime(spec.runtime());
        }
        String event = payload == null || payload.length == 0 ? "{}" : new String(payload, StandardCharsets.UTF_8);
        String requestId = UUID.randomUUID().toString();
        Environments environments = environmentsFor(spec);
        NodeWorker worker = environments.idle();
        if (worker == null) {
            worker = NodeWorker.start(options.nodeCommand(), environments.bootstrap, environments.codeDir, spec);
            Optional<JsonNode> initError = worker.awaitReady(options.initTimeout());
            if (initError.isPresent()) {
                return new InvocationResult(requestId, Json.write(initError.get()), InvocationResult.UNHANDLED,
                        "INIT_FAILED RequestId: " + requestId + " " + initError.get().path("errorType").asText() + "\n");
            }
            environments.started(worker);
        }
        try {
            return worker.invoke(requestId, event);
        } finally {
            release(spec.functionArn(), environments, worker);
        }
    }

    /** Stops the function's execution environments (the function was deleted). */
    public void evict(String functionArn) {
        Environments gone;
        synchronized (this) {
            gone = byFunction.remove(functionArn);
        }
        if (gone != null) {
            gone.retire(false);
        }
    }

    /** Stops every execution environment (the emulator was reset). */
    public void evictAll() {
        List<Environments> all;
        synchronized (this) {
            all = new ArrayList<>(byFunction.values());
            byFunction.clear();
        }
        all.forEach(e -> e.retire(false));
    }

    /** How many warm processes the function has (idle or busy). */
    public synchronized int warmEnvironments(String functionArn) {
        Environments e = byFunction.get(functionArn);
        return e == null ? 0 : e.liveCount();
    }

    @Override
    public void close() {
        List<Environments> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(byFunction.values());
            byFunction.clear();
        }
        all.forEach(e -> e.retire(true));
        Path dir;
        synchronized (this) {
            dir = root;
        }
        CodeArchive.deleteRecursively(dir);
    }

    private synchronized Environments environmentsFor(FunctionSpec spec) {
        if (closed) {
            throw new IllegalStateException("the Lambda runtime is closed");
        }
        prepareRoot();
        String fingerprint = fingerprint(spec);
        Environments current = byFunction.get(spec.functionArn());
        if (current != null && current.fingerprint.equals(fingerprint)) {
            return current;
        }
        if (current != null) {
            current.retire(false);
        }
        Path codeDir = root.resolve("task-" + UUID.randomUUID());
        CodeArchive.extract(spec.codeZip(), codeDir);
        Environments fresh = new Environments(fingerprint, bootstrap, codeDir);
        byFunction.put(spec.functionArn(), fresh);
        return fresh;
    }

    /** The directory holding the bootstrap script and every unpacked deployment package. */
    private void prepareRoot() {
        if (root != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("greeting-lambda-");
            Path script = dir.resolve(BOOTSTRAP);
            try (InputStream in = LambdaRuntime.class.getResourceAsStream(BOOTSTRAP)) {
                if (in == null) {
                    throw new IllegalStateException("the Node.js bootstrap " + BOOTSTRAP + " is missing from the classpath");
                }
                Files.copy(in, script);
            }
            root = dir;
            bootstrap = script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Lambda runtime directory", e);
        }
    }

    private void release(String functionArn, Environments environments, NodeWorker worker) {
        boolean current;
        synchronized (this) {
            current = byFunction.get(functionArn) == environments;
        }
        environments.release(worker, current);
    }

    /** Code, handler, limits and environment: a change to any of them needs fresh processes. */
    private static String fingerprint(FunctionSpec spec) {
        return String.join("\n", CodeArchive.sha256Hex(spec.codeZip()), spec.runtime(), spec.handler(),
                spec.version(), Long.toString(spec.timeout().toMillis()), Integer.toString(spec.memoryMb()),
                new TreeMap<>(spec.environment()).toString());
    }

    /** The execution environments of one function version. */
    private static final class Environments {
        final String fingerprint;
        final Path bootstrap;
        final Path codeDir;
        private final Deque<NodeWorker> idle = new ArrayDeque<>();
        private final List<NodeWorker> live = new ArrayList<>();
        private boolean retired;

        Environments(String fingerprint, Path bootstrap, Path codeDir) {
            this.fingerprint = fingerprint;
            this.bootstrap = bootstrap;
            this.codeDir = codeDir;
        }

        synchronized NodeWorker idle() {
            for (NodeWorker w; (w = idle.poll()) != null; ) {
                if (w.alive()) {
                    return w;
                }
                live.remove(w);
            }
            return null;
        }

        synchronized void started(NodeWorker worker) {
            live.add(worker);
            if (retired) {
                worker.close();
            }
        }

        synchronized void release(NodeWorker worker, boolean stillCurrent) {
            if (worker.alive() && stillCurrent && !retired) {
                idle.push(worker);
            } else {
                live.remove(worker);
                worker.close();
            }
        }

        synchronized int liveCount() {
            live.removeIf(w -> !w.alive());
            return live.size();
        }

        /**
         * Stops the idle processes; busy ones finish their invocation and stop on release, unless
         * {@code killBusy} (the emulator is closing).
         */
        void retire(boolean killBusy) {
            List<NodeWorker> stop;
            boolean unused;
            synchronized (this) {
                retired = true;
                stop = new ArrayList<>(killBusy ? live : idle);
                live.removeAll(stop);
                idle.clear();
                unused = live.isEmpty();
            }
            stop.forEach(NodeWorker::close);
            if (unused) {
                CodeArchive.deleteRecursively(codeDir); // else the root goes when the runtime closes
            }
        }
    }
}
