package dev.greeting.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.AwsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads and checks a CreateFunction request body into the function it creates. */
final class NewFunction {
    static final List<String> RUNTIMES = List.of("nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x",
            "nodejs12.x", "nodejs14.x", "nodejs16.x", "java8", "java8.al2", "java11", "python2.7", "python3.6",
            "python3.7", "python3.8", "python3.9", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1",
            "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x", "ruby2.5", "ruby2.7", "provided", "provided.al2",
            "nodejs18.x", "python3.10", "java17", "ruby3.2", "ruby3.3", "ruby3.4", "python3.11", "nodejs20.x",
            "provided.al2023", "python3.12", "java21", "python3.13", "nodejs22.x", "nodejs24.x", "python3.14",
            "java25", "dotnet10", "ruby4.0");
    /** Runtimes past the date from which Lambda refuses to create functions with them. */
    private static final Set<String> BLOCKED_RUNTIMES = Set.of("nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10",
            "nodejs8.10", "nodejs10.x", "nodejs12.x", "python2.7", "python3.6", "dotnetcore1.0", "dotnetcore2.0",
            "dotnetcore2.1", "ruby2.5");
    /** Variables Lambda sets itself and does not let a function override. */
    private static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    private static final String CREATE_NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
    private static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    private static final int MAX_ENVIRONMENT_BYTES = 4 * 1024;

    private NewFunction() {}

    static LambdaFunction read(JsonNode body, String requestRegion, Instant now) {
        String functionName = text(body, "FunctionName");
        String runtime = text(body, "Runtime");
        String role = text(body, "Role");
        String handler = text(body, "Handler");
        String description = text(body, "Description");
        Integer timeout = integer(body, "Timeout");
        Integer memory = integer(body, "MemorySize");
        String packageType = text(body, "PackageType");
        JsonNode code = body.get("Code");
        List<String> architectures = strings(body.path("Architectures"));
        new Validation()
                .required("functionName", functionName).length("functionName", functionName, 1, 140)
                .pattern("functionName", functionName, CREATE_NAME_PATTERN)
                .required("role", role).pattern("role", role, ROLE_PATTERN)
                .required("code", code)
                .oneOf("runtime", runtime, RUNTIMES)
                .length("handler", handler, 0, 128).pattern("handler", handler, "[^\\s]+")
                .length("description", description, 0, 256)
                .range("timeout", timeout, 1, 900)
                .range("memorySize", memory, 128, 10240)
                .oneOf("packageType", packageType, List.of("Zip", "Image"))
                .check();
        FunctionRef ref = FunctionRef.parse(functionName, requestRegion)
                .filter(r -> r.qualifier() == null && r.name().length() <= 64)
                .orElseThrow(() -> AwsException.invalidParameter("Invalid function name: " + functionName));
        if ("Image".equals(packageType)) {
            throw AwsException.invalidParameter("The emulator runs Zip packages only; PackageType Image is not supported.");
        }
        if (runtime == null || handler == null) {
            throw AwsException.invalidParameter(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        if (BLOCKED_RUNTIMES.contains(runtime)) {
            throw AwsException.invalidParameter("The runtime parameter of " + runtime + " is no longer supported for"
                    + " creating or updating AWS Lambda functions. We recommend you use a supported runtime while"
                    + " creating or updating functions.");
        }
        String architecture = architecture(architectures);
        byte[] zip = zipFile(code);
        Map<String, String> environment = environment(body.path("Environment").path("Variables"));
        return new LambdaFunction(ref.region(), ref.name(), FunctionRef.functionArn(ref.region(), ref.name()), runtime, role,
                handler, description == null ? "" : description, timeout == null ? 3 : timeout,
                memory == null ? 128 : memory, environment, stringMap(body.path("Tags")), architecture, zip, sha256(zip),
                now, UUID.randomUUID().toString(), PolicyDocument.EMPTY);
    }

    /** The deployment package of a Code member (CreateFunction) or of UpdateFunctionCode's body: same members. */
    static byte[] zipFile(JsonNode code) {
        JsonNode zipFile = code.get("ZipFile");
        if (zipFile == null || zipFile.isNull()) {
            if (code.hasNonNull("S3Bucket") || code.hasNonNull("S3Key")) {
                // The emulator has no S3: any bucket named is a bucket that does not exist.
                throw AwsException.invalidParameter("Error occurred while GetObject. S3 Error Code: NoSuchBucket."
                        + " S3 Error Message: The specified bucket does not exist");
            }
            throw AwsException.invalidParameter("Please provide a source for function code.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(zipFile.asText());
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, "InvalidRequestContentException",
                    "Could not parse request body into json: Code.ZipFile is not valid base64");
        }
        if (!ZipArchives.unzips(bytes)) {
            throw AwsException.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
        return bytes;
    }

    private static Map<String, String> environment(JsonNode variables) {
        Map<String, String> env = stringMap(variables);
        Validation validation = new Validation();
        env.keySet().forEach(k -> validation.pattern("environment.variables", k, "[a-zA-Z]([a-zA-Z0-9_])+"));
        validation.check();
        List<String> reserved = env.keySet().stream().filter(RESERVED_VARIABLES::contains).sorted().toList();
        if (!reserved.isEmpty()) {
            throw AwsException.invalidParameter("Lambda was unable to configure your environment variables because the"
                    + " environment variables you have provided contains reserved keys that are currently not supported"
                    + " for modification. Reserved keys used in this request: " + String.join(", ", reserved));
        }
        int size = env.entrySet().stream()
                .mapToInt(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length)
                .sum();
        if (size > MAX_ENVIRONMENT_BYTES) {
            throw AwsException.invalidParameter("Lambda was unable to configure your environment variables because the"
                    + " environment variables you have provided exceeded the 4KB limit. String measured: " + size);
        }
        return env;
    }

    private static String architecture(List<String> architectures) {
        if (architectures.isEmpty()) {
            return "x86_64";
        }
        new Validation().size("architectures", architectures, 1, 1)
                .oneOf("architectures", architectures.get(0), List.of("x86_64", "arm64")).check();
        return architectures.get(0);
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode body, String member) {
        JsonNode node = body.get(member);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Integer integer(JsonNode body, String member) {
        JsonNode node = body.get(member);
        return node == null || node.isNull() ? null : node.asInt();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
