package dev.greeting.emulator.lambda.runtime;

import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's Invoke operation ({@code POST /2015-03-31/functions/{FunctionName}/invocations}):
 * RequestResponse answers the function's payload, with {@code X-Amz-Function-Error: Unhandled}
 * when it failed; Event queues the invocation and answers 202; DryRun only checks and answers 204.
 */
public final class InvokeOperation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvokeOperation.class);
    private static final String ACCOUNT = "123456789012";

    /** How the Lambda emulator resolves a FunctionName (name, partial or full ARN) in a region. */
    @FunctionalInterface
    public interface FunctionLookup {
        Optional<FunctionSpec> find(String region, String nameOrArn);
    }

    private final FunctionLookup functions;
    private final LambdaRuntime runtime;
    private final ExecutorService events;

    public InvokeOperation(FunctionLookup functions, LambdaRuntime runtime) {
        this.functions = functions;
        this.runtime = runtime;
        AtomicInteger threads = new AtomicInteger();
        this.events = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-event-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public ApiResponse invoke(ApiRequest request) {
        String name = request.path("FunctionName");
        String qualifier = request.queryParam("Qualifier").orElse(null);
        String ref = qualifier == null || qualifier.isEmpty() ? name : name + ":" + qualifier;
        FunctionSpec spec = functions.find(request.region(), ref)
                .orElseThrow(() -> AwsException.resourceNotFound("Function not found: " + arnOf(request.region(), ref)));
        byte[] payload = request.body();
        checkJson(payload);
        String type = request.header("X-Amz-Invocation-Type").orElse("RequestResponse");
        switch (type) {
            case "DryRun":
                return ApiResponse.empty(204);
            case "Event":
                events.submit(() -> runInBackground(spec, payload));
                return ApiResponse.empty(202);
            case "RequestResponse":
                return requestResponse(spec, payload, request.header("X-Amz-Log-Type").orElse("None"));
            default:
                throw AwsException.invalidParameter("1 validation error detected: Value '" + type
                        + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[Event, RequestResponse, DryRun]");
        }
    }

    private ApiResponse requestResponse(FunctionSpec spec, byte[] payload, String logType) {
        InvocationResult result = run(spec, payload);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Executed-Version", spec.version());
        if (result.failed()) {
            headers.put("X-Amz-Function-Error", result.functionError());
        }
        if ("Tail".equalsIgnoreCase(logType)) {
            headers.put("X-Amz-Log-Result", Base64.getEncoder().encodeToString(
                    result.logTail().getBytes(StandardCharsets.UTF_8)));
        }
        return new ApiResponse(200, headers, result.payload());
    }

    /** Runs the function; a runtime that cannot start is Lambda's service-side error. */
    InvocationResult run(FunctionSpec spec, byte[] payload) {
        try {
            return runtime.invoke(spec, payload);
        } catch (RuntimeUnavailableException e) {
            throw e.unsupportedRuntime()
                    ? new AwsException(502, "InvalidRuntimeException", e.getMessage())
                    : new AwsException(500, "ServiceException", e.getMessage());
        }
    }

    private void runInBackground(FunctionSpec spec, byte[] payload) {
        try {
            InvocationResult result = runtime.invoke(spec, payload);
            if (result.failed()) {
                LOG.info("asynchronous invocation of {} failed: {}", spec.functionName(), result.payloadText());
            }
        } catch (RuntimeException e) {
            LOG.warn("asynchronous invocation of {} could not run: {}", spec.functionName(), e.getMessage());
        }
    }

    private static void checkJson(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return;
        }
        try {
            Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new AwsException(400, "InvalidRequestContentException",
                    "Could not parse request body into json: Could not parse payload into json: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String arnOf(String region, String ref) {
        if (ref.startsWith("arn:")) {
            return ref;
        }
        return ref.contains(":function:") ? "arn:aws:lambda:" + region + ":" + ref
                : "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + ref;
    }

    @Override
    public void close() {
        events.shutdownNow();
    }
}
