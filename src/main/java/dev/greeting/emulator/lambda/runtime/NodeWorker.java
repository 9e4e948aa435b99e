package dev.greeting.emulator.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.emulator.http.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Node.js execution environment: a warm {@code node} process running the bootstrap script for
 * one function version, serving one invocation at a time. A timed-out invocation kills it; a
 * process that exits is never reused.
 */
final class NodeWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeWorker.class);
    private static final JsonNode EXITED = Json.object().put("type", "exited");

    private final FunctionSpec spec;
    private final Process process;
    private final Logger functionLog;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder log = new StringBuilder();
    private final String logStream;
    private volatile boolean alive = true;

    private NodeWorker(FunctionSpec spec, Process process, String logStream) {
        this.spec = spec;
        this.process = process;
        this.logStream = logStream;
        this.functionLog = LoggerFactory.getLogger("lambda." + spec.functionName());
        daemon("lambda-stdout-" + spec.functionName(), this::readProtocol);
        daemon("lambda-stderr-" + spec.functionName(), this::readStderr);
    }

    /** Starts {@code node bootstrap} in the function's code directory with Lambda's environment. */
    static NodeWorker start(String nodeCommand, Path bootstrap, Path codeDir, FunctionSpec spec) {
        ProcessBuilder builder = new ProcessBuilder(nodeCommand, bootstrap.toString()).directory(codeDir.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.putAll(spec.environment());
        String logStream = LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/')
                + "/[" + spec.version() + "]" + UUID.randomUUID().toString().replace("-", "");
        env.putAll(lambdaEnvironment(spec, codeDir, logStream));
        if (path != null) {
            env.put("PATH", path);
        }
        try {
            return new NodeWorker(spec, builder.start(), logStream);
        } catch (IOException e) {
            throw RuntimeUnavailableException.nodeMissing("cannot start Node.js ('" + nodeCommand + "'): " + e.getMessage()
                    + ". Install Node.js or point the emulator at it with -D" + RuntimeOptions.NODE_PROPERTY
                    + "=/path/to/node (or " + RuntimeOptions.NODE_ENV + ")", e);
        }
    }

    /** The reserved variables Lambda sets in every Node.js execution environment. */
    private static Map<String, String> lambdaEnvironment(FunctionSpec spec, Path codeDir, String logStream) {
        String region = spec.region();
        return Map.ofEntries(
                Map.entry("AWS_REGION", region),
                Map.entry("AWS_DEFAULT_REGION", region),
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_" + (spec.runtime() == null ? "nodejs20.x" : spec.runtime())),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", spec.functionName()),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", spec.version()),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb())),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", logGroupName(spec)),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", logStream),
                Map.entry("LAMBDA_TASK_ROOT", codeDir.toAbsolutePath().toString()),
                Map.entry("LAMBDA_RUNTIME_DIR", codeDir.toAbsolutePath().toString()),
                Map.entry("_HANDLER", spec.handler()),
                Map.entry("TZ", ":UTC"),
                Map.entry("LANG", "en_US.UTF-8"));
    }

    static String logGroupName(FunctionSpec spec) {
        return "/aws/lambda/" + spec.functionName();
    }

    boolean alive() {
        return alive && process.isAlive();
    }

    /**
     * Waits for the handler module to load. Empty on success; otherwise the init error payload
     * (Runtime.ImportModuleError, Runtime.HandlerNotFound, ...) and the worker is dead.
     */
    Optional<JsonNode> awaitReady(Duration initTimeout) {
        JsonNode message = poll(Instant.now().plus(initTimeout));
        if (message != null && "ready".equals(message.path("type").asText())) {
            return Optional.empty();
        }
        close();
        if (message == null) {
            return Optional.of(errorPayload("Runtime.InitError",
                    "Init timed out after " + seconds(initTimeout) + " seconds"));
        }
        if ("initError".equals(message.path("type").asText())) {
            return Optional.of(message.get("error"));
        }
        return Optional.of(errorPayload("Runtime.ExitError",
                "Error: Runtime exited with error: " + exitDescription()));
    }

    /** Runs one invocation, never longer than the function's timeout. */
    InvocationResult invoke(String requestId, String eventJson) {
        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(spec.timeout());
        String prefix;
        synchronized (log) {
            prefix = log.toString(); // what the init phase printed
            log.setLength(0);
        }
        ObjectNode request = Json.object()
                .put("type", "invoke")
                .put("id", requestId)
                .put("event", eventJson)
                .put("deadlineMs", deadline.toEpochMilli());
        request.putObject("context")
                .put("functionName", spec.functionName())
                .put("functionVersion", spec.version())
                .put("invokedFunctionArn", spec.functionArn())
                .put("memoryLimitInMB", Integer.toString(spec.memoryMb()))
                .put("logGroupName", logGroupName(spec))
                .put("logStreamName", logStream);
        JsonNode answer = send(request) ? awaitResult(requestId, deadline) : EXITED;

        byte[] payload;
        String functionError = null;
        String timeoutLine = "";
        if (answer == null) {
            close();
            String after = "Task timed out after " + seconds(spec.timeout()) + " seconds";
            timeoutLine = Instant.now() + " " + requestId + " " + after + "\n";
            payload = Json.write(errorPayload("Sandbox.Timedout", "RequestId: " + requestId + " Error: " + after));
            functionError = InvocationResult.UNHANDLED;
        } else if (answer == EXITED) {
            close();
            payload = Json.write(errorPayload("Runtime.ExitError", "RequestId: " + requestId + " Error: " + exitDescription()));
            functionError = InvocationResult.UNHANDLED;
        } else if (answer.path("ok").asBoolean()) {
            payload = answer.path("payload").asText("null").getBytes(StandardCharsets.UTF_8);
        } else {
            payload = Json.write(answer.get("error"));
            functionError = InvocationResult.UNHANDLED;
            if (answer.path("fatal").asBoolean()) {
                awaitExit(); // the runtime exits after an uncaught error; keep its last words in the log
            }
        }
        double millis = (System.nanoTime() - started) / 1e6;
        String body;
        synchronized (log) {
            body = log.toString();
            log.setLength(0);
        }
        String logs = prefix
                + "START RequestId: " + requestId + " Version: " + spec.version() + "\n"
                + body + timeoutLine
                + "END RequestId: " + requestId + "\n"
                + String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\t%n",
                        requestId, millis, (long) Math.ceil(millis), spec.memoryMb());
        return new InvocationResult(requestId, payload, functionError, logs);
    }

    private boolean send(JsonNode request) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((Json.writeString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The result for this request id; null on timeout, EXITED when the process ended first. */
    private JsonNode awaitResult(String requestId, Instant deadline) {
        while (true) {
            JsonNode message = poll(deadline);
            if (message == null || message == EXITED) {
                return message;
            }
            if ("result".equals(message.path("type").asText()) && requestId.equals(message.path("id").asText())) {
                return message;
            }
        }
    }

    private JsonNode poll(Instant deadline) {
        try {
            long wait = Duration.between(Instant.now(), deadline).toMillis();
            return wait <= 0 ? messages.poll() : messages.poll(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
        alive = false;
    }

    private String exitDescription() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                return "Runtime exited without providing a reason";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.exitValue();
        if (code == 0) {
            return "Runtime exited without providing a reason";
        }
        return code > 128 && code < 160 ? "Runtime exited with error: signal: " + signalName(code - 128)
                : "Runtime exited with error: exit status " + code;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "killed";
            case 15 -> "terminated";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            default -> "signal " + signal;
        };
    }

    static JsonNode errorPayload(String type, String message) {
        ObjectNode error = Json.object().put("errorType", type).put("errorMessage", message);
        error.putArray("trace");
        return error;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toMillis() / 1000.0);
    }

    private void readProtocol() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                JsonNode message = parse(line);
                if (message == null) {
                    appendLog(line + "\n");
                } else if ("log".equals(message.path("type").asText())) {
                    appendLog(message.path("text").asText());
                } else {
                    messages.add(message);
                }
            }
        } catch (IOException ignored) {
            // the process is gone; EXITED below tells the waiting invocation
        } finally {
            alive = false;
            messages.add(EXITED);
        }
    }

    private void readStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                appendLog(line + "\n");
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{\"type\":")) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    private void appendLog(String text) {
        synchronized (log) {
            log.append(text);
        }
        if (functionLog.isInfoEnabled()) {
            functionLog.info(text.stripTrailing());
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Kills the process and whatever it started. */
    @Override
    public void close() {
        alive = false;
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        LOG.debug("stopped the Node.js process of {}", spec.functionName());
    }
}
