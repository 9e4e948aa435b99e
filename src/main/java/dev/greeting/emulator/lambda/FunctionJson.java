package dev.greeting.emulator.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.emulator.http.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Renders functions in Lambda's wire shapes (FunctionConfiguration, GetFunctionResponse). */
final class FunctionJson {
    /** Lambda's LastModified format, e.g. {@code 2024-01-01T12:00:00.000+0000}. */
    static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private FunctionJson() {}

    static ObjectNode configuration(LambdaFunction f) {
        ObjectNode node = Json.object();
        node.put("FunctionName", f.name());
        node.put("FunctionArn", f.arn());
        node.put("Runtime", f.runtime());
        node.put("Role", f.role());
        node.put("Handler", f.handler());
        node.put("CodeSize", f.codeSize());
        node.put("Description", f.description());
        node.put("Timeout", f.timeoutSeconds());
        node.put("MemorySize", f.memorySizeMb());
        node.put("LastModified", LAST_MODIFIED.format(f.lastModified()));
        node.put("CodeSha256", f.codeSha256());
        node.put("Version", "$LATEST");
        if (!f.environment().isEmpty()) {
            ObjectNode variables = node.putObject("Environment").putObject("Variables");
            f.environment().forEach(variables::put);
        }
        node.putObject("TracingConfig").put("Mode", "PassThrough");
        node.put("RevisionId", f.revisionId());
        node.put("State", "Active");
        node.put("LastUpdateStatus", "Successful");
        node.put("PackageType", "Zip");
        node.putArray("Architectures").add(f.architecture());
        node.putObject("EphemeralStorage").put("Size", 512);
        node.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
        node.putObject("LoggingConfig").put("LogFormat", "Text").put("LogGroup", "/aws/lambda/" + f.name());
        return node;
    }

    /**
     * A function as ListFunctions lists it: Lambda leaves out the state fields there (State,
     * LastUpdateStatus and their reasons) and points to GetFunction for them.
     */
    static ObjectNode listed(LambdaFunction f) {
        ObjectNode node = configuration(f);
        node.remove(java.util.List.of("State", "LastUpdateStatus"));
        return node;
    }

    /** GetFunction's answer; {@code codeLocation} is where the package can be downloaded. */
    static ObjectNode getFunction(LambdaFunction f, String codeLocation) {
        ObjectNode node = Json.object();
        node.set("Configuration", configuration(f));
        node.putObject("Code").put("RepositoryType", "S3").put("Location", codeLocation);
        if (!f.tags().isEmpty()) {
            ObjectNode tags = node.putObject("Tags");
            f.tags().forEach(tags::put);
        }
        return node;
    }
}
