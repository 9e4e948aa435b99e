package dev.greeting.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The HelloWorld function that {@code examples/hello-world.yaml} points at
 * ({@code arn:aws:lambda:us-east-1:123456789012:function:HelloWorld}), created the way the recipe's
 * {@code aws lambda create-function} does it, from a zip of {@code examples/hello-world-function/}.
 */
public final class SampleFunction {
    public static final String NAME = "HelloWorld";
    public static final String REGION = "us-east-1";
    public static final String HANDLER = "index.handler";
    public static final String ROLE = "arn:aws:iam::123456789012:role/lambda-basic-execution";

    private SampleFunction() {
    }

    /** What {@link #ensure} did. */
    public record Outcome(boolean created, String functionArn) {
    }

    /** Creates the function from {@code sourceDirectory} unless a function of that name exists (then it is left as is). */
    public static Outcome ensure(LambdaClient lambda, Path sourceDirectory) {
        try {
            return new Outcome(false, lambda.getFunction(b -> b.functionName(NAME)).configuration().functionArn());
        } catch (ResourceNotFoundException absent) {
            return new Outcome(true, create(lambda, NAME, sourceDirectory));
        }
    }

    /** Creates a Node.js function {@code name} from {@code sourceDirectory}; returns its ARN. */
    public static String create(LambdaClient lambda, String name, Path sourceDirectory) {
        byte[] zip = zip(sourceDirectory);
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.NODEJS20_X).handler(HANDLER)
                .role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).functionArn();
    }

    /** The directory's files as a deployment package: paths relative to it, in a stable order. */
    static byte[] zip(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no function source directory " + directory);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(directory)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("the function source directory " + directory + " is empty");
            }
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(directory.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip " + directory, e);
        }
        return bytes.toByteArray();
    }
}
