package dev.greeting.deploy;

import dev.greeting.aws.AwsSettings;
import dev.greeting.aws.QuotaPolicy;
import dev.greeting.emulator.Emulator;
import dev.greeting.operator.OperatorSettings;
import dev.greeting.sandbox.Examples;
import dev.greeting.sandbox.SampleFunction;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The AWS side of the real-server tests: the emulator, with the HelloWorld function that
 * examples/hello-world.yaml names created from examples/hello-world-function/ (as the sandbox does),
 * and operator settings pointing at it. REST APIs live in us-west-2, as in the recipe.
 */
final class EmulatedAws implements AutoCloseable {
    static final String API_REGION = "us-west-2";
    private static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final Emulator emulator;
    private final String functionArn;

    private EmulatedAws(Emulator emulator, String functionArn) {
        this.emulator = emulator;
        this.functionArn = functionArn;
    }

    static EmulatedAws startWithHelloWorld() {
        Emulator emulator = Emulator.start();
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.of(SampleFunction.REGION)).credentialsProvider(TEST_CREDENTIALS).build()) {
            return new EmulatedAws(emulator,
                    SampleFunction.ensure(lambda, Path.of(Examples.HELLO_WORLD_FUNCTION)).functionArn());
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    String functionArn() {
        return functionArn;
    }

    Emulator emulator() {
        return emulator;
    }

    /** The operator's defaults (resync, retries) on the emulator; the emulator enforces no quotas, so none are kept. */
    OperatorSettings operatorSettings() {
        return OperatorSettings.of(AwsSettings.forEndpoint(emulator.endpoint(), API_REGION, TEST_CREDENTIALS)
                .withQuotas(QuotaPolicy.unlimited()));
    }

    @Override
    public void close() {
        emulator.close();
    }
}
