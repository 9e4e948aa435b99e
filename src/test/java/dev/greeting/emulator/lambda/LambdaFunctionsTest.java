package dev.greeting.emulator.lambda;

import static dev.greeting.emulator.lambda.LambdaTestSupport.ROLE;
import static dev.greeting.emulator.lambda.LambdaTestSupport.client;
import static dev.greeting.emulator.lambda.LambdaTestSupport.helloZip;
import static dev.greeting.emulator.lambda.LambdaTestSupport.nodeFunction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/** Lambda's function operations through the real SDK: shapes, name forms, errors, paging. */
class LambdaFunctionsTest {
    private static Emulator emulator;
    private static LambdaClient lambda;
    private static LambdaClient lambdaEast;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        lambda = client(emulator, Region.US_WEST_2);
        lambdaEast = client(emulator, Region.US_EAST_1);
    }

    @AfterAll
    static void stop() {
        lambda.close();
        lambdaEast.close();
        emulator.close();
    }

    @BeforeEach
    void clean() {
        emulator.reset();
    }

    @Test
    void createFunctionAnswersTheConfigurationAsLambdaDoes() throws Exception {
        byte[] zip = helloZip();
        CreateFunctionResponse created = lambda.createFunction(nodeFunction("HelloWorld")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                .description("says hello")
                .environment(e -> e.variables(Map.of("GREETING", "Hello")))
                .tags(Map.of("team", "payments"))
                .build());

        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.functionName()).isEqualTo("HelloWorld");
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-west-2:123456789012:function:HelloWorld");
        assertThat(created.runtime()).isEqualTo(Runtime.NODEJS20_X);
        assertThat(created.role()).isEqualTo(ROLE);
        assertThat(created.handler()).isEqualTo("index.handler");
        assertThat(created.description()).isEqualTo("says hello");
        assertThat(created.codeSize()).isEqualTo(zip.length);
        assertThat(created.codeSha256())
                .isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip)));
        assertThat(created.timeout()).isEqualTo(3);
        assertThat(created.memorySize()).isEqualTo(128);
        assertThat(created.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(created.version()).isEqualTo("$LATEST");
        assertThat(created.state()).isEqualTo(State.ACTIVE);
        assertThat(created.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(created.packageType()).isEqualTo(PackageType.ZIP);
        assertThat(created.architectures()).containsExactly(Architecture.X86_64);
        assertThat(created.environment().variables()).containsExactlyEntriesOf(Map.of("GREETING", "Hello"));
        assertThat(created.revisionId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void timeoutMemoryAndArchitectureAreKept() {
        CreateFunctionResponse created = lambda.createFunction(nodeFunction("Big")
                .timeout(900).memorySize(1024).architectures(Architecture.ARM64).build());

        assertThat(created.timeout()).isEqualTo(900);
        assertThat(created.memorySize()).isEqualTo(1024);
        assertThat(created.architectures()).containsExactly(Architecture.ARM64);
        assertThat(created.environment()).isNull();
    }

    @Test
    void getFunctionAcceptsNameFullArnAndPartialArn() {
        lambda.createFunction(nodeFunction("HelloWorld").tags(Map.of("team", "payments")).build());

        for (String form : List.of("HelloWorld", "HelloWorld:$LATEST",
                "arn:aws:lambda:us-west-2:123456789012:function:HelloWorld", "123456789012:function:HelloWorld")) {
            GetFunctionResponse got = lambda.getFunction(r -> r.functionName(form));
            assertThat(got.configuration().functionArn()).as(form)
                    .isEqualTo("arn:aws:lambda:us-west-2:123456789012:function:HelloWorld");
            assertThat(got.code().repositoryType()).isEqualTo("S3");
            assertThat(got.tags()).containsExactlyEntriesOf(Map.of("team", "payments"));
        }
    }

    @Test
    void codeLocationServesTheUploadedPackage() throws Exception {
        byte[] zip = helloZip();
        lambda.createFunction(nodeFunction("HelloWorld").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build());

        String location = lambda.getFunction(r -> r.functionName("HelloWorld")).code().location();
        HttpResponse<byte[]> download = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(zip);
    }

    @Test
    void functionsLiveInTheirRegionAndAFullArnResolvesInTheRegionItNames() {
        lambdaEast.createFunction(nodeFunction("HelloWorld").build());

        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("HelloWorld")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(lambda.getFunction(r -> r.functionName("arn:aws:lambda:us-east-1:123456789012:function:HelloWorld"))
                .configuration().functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:HelloWorld");
        assertThat(lambda.listFunctions().functions()).isEmpty();
        assertThat(lambdaEast.listFunctions().functions()).extracting(FunctionConfiguration::functionName)
                .containsExactly("HelloWorld");
    }

    @Test
    void aSecondFunctionWithTheSameNameIsAConflict() {
        lambda.createFunction(nodeFunction("HelloWorld").build());

        assertThatThrownBy(() -> lambda.createFunction(nodeFunction("HelloWorld").build()))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function already exist: HelloWorld");
                });
    }

    @Test
    void concurrentCreatesOfOneNameLetExactlyOneThrough() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                outcomes.add(pool.submit(() -> {
                    try {
                        lambda.createFunction(nodeFunction("Contended").build());
                        return true;
                    } catch (ResourceConflictException e) {
                        return false;
                    }
                }));
            }
            int created = 0;
            for (Future<Boolean> outcome : outcomes) {
                created += outcome.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(emulator.counters().calls("CreateFunction")).isEqualTo(threads);
    }

    @Test
    void anUnknownFunctionIsNotFoundWithItsArnInTheMessage() {
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("nope")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Function not found: arn:aws:lambda:us-west-2:123456789012:function:nope");
                });
        assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aPublishedVersionIsNotFoundSinceOnlyLatestExists() {
        lambda.createFunction(nodeFunction("HelloWorld").build());

        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("HelloWorld").qualifier("1")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Function not found: arn:aws:lambda:us-west-2:123456789012:function:HelloWorld:1"));
    }

    @Test
    void aPackageThatDoesNotUnzipIsRejected() {
        byte[] notAZip = "exports.handler = async () => 'hi';".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> lambda.createFunction(nodeFunction("Broken")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(notAZip))).build()))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Could not unzip uploaded file. Please check your file, then try to upload again.");
                });
        assertThat(lambda.listFunctions().functions()).isEmpty();
    }

    @Test
    void membersOutsideTheirConstraintsAreAValidationError() {
        assertThatThrownBy(() -> lambda.createFunction(nodeFunction("Slow").timeout(901).build()))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '901' at"
                            + " 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
                });
        assertThatThrownBy(() -> lambda.createFunction(nodeFunction("NoRole").role(null).build()))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("Value null at 'role'"));
        assertThatThrownBy(() -> lambda.createFunction(nodeFunction("bad name!").build()))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void aZipFunctionNeedsAHandlerAndUnreservedVariables() {
        assertThatThrownBy(() -> lambda.createFunction(nodeFunction("NoHandler").handler(null).build()))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Runtime and Handler are mandatory parameters for functions created with deployment packages."));
        assertThatThrownBy(() -> lambda.createFunction(nodeFunction("Reserved")
                .environment(e -> e.variables(Map.of("AWS_REGION", "eu-west-1"))).build()))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).endsWith("Reserved keys used in this request: AWS_REGION"));
    }

    @Test
    void deleteFunctionAnswers204AndForgetsTheFunction() {
        lambda.createFunction(nodeFunction("HelloWorld").build());

        DeleteFunctionResponse deleted = lambda.deleteFunction(r -> r.functionName("123456789012:function:HelloWorld"));

        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("HelloWorld")))
                .isInstanceOf(ResourceNotFoundException.class);
        lambda.createFunction(nodeFunction("HelloWorld").build());
    }

    @Test
    void listFunctionsPagesWithMarkerAndMaxItems() {
        List<String> names = List.of("f-e", "f-a", "f-g", "f-c", "f-b", "f-f", "f-d");
        names.forEach(n -> lambda.createFunction(nodeFunction(n).build()));

        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String current = marker;
            ListFunctionsResponse page = lambda.listFunctions(r -> r.maxItems(3).marker(current));
            pageSizes.add(page.functions().size());
            page.functions().forEach(f -> seen.add(f.functionName()));
            marker = page.nextMarker();
        } while (marker != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactly("f-a", "f-b", "f-c", "f-d", "f-e", "f-f", "f-g");
        List<FunctionConfiguration> all = lambda.listFunctionsPaginator().functions().stream().toList();
        assertThat(all).hasSize(7).allSatisfy(f -> assertThat(f.state()).as("ListFunctions leaves State out").isNull());
        assertThat(emulator.counters().calls("ListFunctions")).isEqualTo(4);
    }
}
