package dev.greeting.emulator.lambda;

import dev.greeting.emulator.Emulator;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Clients and deployment packages for tests that talk to the emulator's Lambda API. */
public final class LambdaTestSupport {
    public static final String ROLE = "arn:aws:iam::123456789012:role/lambda-basic-execution";
    public static final String HELLO_JS = "exports.handler = async (event) => `Hello, ${event.greeter}!`;\n";

    private LambdaTestSupport() {}

    /** A Lambda client for the emulator; no retries, so every SDK call is exactly one HTTP call. */
    public static LambdaClient client(Emulator emulator, Region region) {
        return LambdaClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A zip archive with the given files (name to content). */
    public static byte[] zip(Map<String, String> files) {
        return dev.greeting.testsupport.TestZips.zip(files);
    }

    public static byte[] helloZip() {
        return zip(Map.of("index.js", HELLO_JS));
    }

    /** A valid CreateFunction request for a Node.js function with the given name. */
    public static CreateFunctionRequest.Builder nodeFunction(String name) {
        return CreateFunctionRequest.builder()
                .functionName(name)
                .runtime(Runtime.NODEJS20_X)
                .role(ROLE)
                .handler("index.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(helloZip())));
    }
}
