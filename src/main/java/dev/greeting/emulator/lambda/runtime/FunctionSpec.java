package dev.greeting.emulator.lambda.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the runtime needs to run one function version: its identity, handler, limits, environment
 * and deployment package (a zip). The Lambda API's function record is translated into this.
 *
 * @param runtime Lambda's runtime identifier, e.g. {@code nodejs20.x}
 * @param handler {@code [dir/]module.function}, e.g. {@code index.handler}
 * @param timeout the function's timeout (Lambda allows whole seconds; tests may use less)
 */
public record FunctionSpec(
        String functionName,
        String functionArn,
        String version,
        String runtime,
        String handler,
        Duration timeout,
        int memoryMb,
        Map<String, String> environment,
        byte[] codeZip) {

    public FunctionSpec {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(functionArn, "functionArn");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(codeZip, "codeZip");
        version = version == null ? "$LATEST" : version;
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        memoryMb = memoryMb <= 0 ? 128 : memoryMb;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** A Node.js function with Lambda's defaults (3 s, 128 MB) apart from what is given. */
    public static FunctionSpec node(String functionName, String functionArn, String handler, Duration timeout, byte[] codeZip) {
        return new FunctionSpec(functionName, functionArn, "$LATEST", "nodejs20.x", handler, timeout, 128, Map.of(), codeZip);
    }

    /** The region named in the function's ARN ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}). */
    public String region() {
        String[] parts = functionArn.split(":");
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "us-east-1";
    }

    public boolean isNode() {
        return runtime == null || runtime.startsWith("nodejs");
    }
}
