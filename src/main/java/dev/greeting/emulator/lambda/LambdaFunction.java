package dev.greeting.emulator.lambda;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of one function ($LATEST) as the emulator holds it: its configuration,
 * its deployment package and its resource-based policy. Every change to a function stores a new
 * snapshot, so a snapshot handed out never changes under its reader.
 *
 * <p>This is the read API for whoever runs functions (Invoke, the API Gateway data plane): obtain
 * one with {@link LambdaEmulator#findFunction(String, String)}.
 *
 * @param region        the region the function lives in
 * @param name          the function's name
 * @param arn           {@code arn:aws:lambda:REGION:123456789012:function:NAME}
 * @param runtime       e.g. {@code nodejs20.x}; any runtime of Lambda's model is stored, only
 *                      {@code nodejs*} ones can be expected to run
 * @param role          the execution role ARN
 * @param handler       {@code file.export}, e.g. {@code index.handler}
 * @param description   may be empty
 * @param timeoutSeconds 1..900, default 3
 * @param memorySizeMb  128..10240, default 128
 * @param environment   the function's environment variables (unmodifiable)
 * @param tags          the function's tags (unmodifiable)
 * @param architecture  {@code x86_64} or {@code arm64}
 * @param codeSha256    base64 of the SHA-256 of the zip, as Lambda reports it
 * @param lastModified  when the configuration or code last changed
 * @param revisionId    changes with every change to the function or its policy
 * @param policy        the resource-based policy (possibly empty)
 */
public record LambdaFunction(
        String region,
        String name,
        String arn,
        String runtime,
        String role,
        String handler,
        String description,
        int timeoutSeconds,
        int memorySizeMb,
        Map<String, String> environment,
        Map<String, String> tags,
        String architecture,
        byte[] zip,
        String codeSha256,
        Instant lastModified,
        String revisionId,
        PolicyDocument policy) {

    public LambdaFunction {
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
        zip = zip.clone();
    }

    /** The deployment package (a zip archive) as uploaded; a fresh copy on every call. */
    @Override
    public byte[] zip() {
        return zip.clone();
    }

    /** Size of the deployment package in bytes (Lambda's CodeSize). */
    public long codeSize() {
        return zip.length;
    }

    public List<String> architectures() {
        return List.of(architecture);
    }

    /** The same function with another deployment package (UpdateFunctionCode) and a new revision. */
    LambdaFunction withCode(byte[] newZip, String newCodeSha256, Instant modified, String newRevisionId) {
        return new LambdaFunction(region, name, arn, runtime, role, handler, description, timeoutSeconds, memorySizeMb,
                environment, tags, architecture, newZip, newCodeSha256, modified, newRevisionId, policy);
    }

    /** The same function with another policy and a new revision. */
    LambdaFunction withPolicy(PolicyDocument newPolicy, String newRevisionId) {
        return new LambdaFunction(region, name, arn, runtime, role, handler, description, timeoutSeconds, memorySizeMb,
                environment, tags, architecture, zip, codeSha256, lastModified, newRevisionId, newPolicy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LambdaFunction other && arn.equals(other.arn) && revisionId.equals(other.revisionId);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(arn, revisionId);
    }

    @Override
    public String toString() {
        return "LambdaFunction[" + arn + ", runtime=" + runtime + ", handler=" + handler + ", revision=" + revisionId + "]";
    }
}
