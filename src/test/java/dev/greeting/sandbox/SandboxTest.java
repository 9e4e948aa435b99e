package dev.greeting.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.emulator.Emulator;
import dev.greeting.model.GreetingApi;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The sandbox as a library, with {@code --once} semantics: start, apply the example, converge, answer. */
class SandboxTest {
    static final Duration CONVERGE = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    private static Sandbox sandbox;
    private static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults(dir.resolve("kubeconfig")), log::add);
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void theExampleBecomesReadyAndTheFunctionAnswersThroughIt() {
        List<Manifests.Applied> applied = sandbox.apply(Path.of(Examples.HELLO_WORLD));
        assertThat(applied).singleElement().satisfies(a -> {
            assertThat(a.isGreetingApi()).isTrue();
            assertThat(a.namespace()).isEqualTo("default");
            assertThat(a.name()).isEqualTo("hello-world");
        });

        Convergence.Outcome outcome = sandbox.awaitConverged(applied.get(0), CONVERGE);

        assertThat(outcome.state()).as(outcome.explanation()).isEqualTo(Convergence.State.READY);
        String restApiId = outcome.resource().getStatus().getRestApiId();
        assertThat(outcome.invokeUrl())
                .isEqualTo(sandbox.awsEndpoint() + "/_aws/execute-api/" + restApiId + "/test/greeting");
        Emulator emulator = sandbox.emulator().orElseThrow();
        assertThat(emulator.apiGateway().findRestApi(restApiId)).isPresent();

        GreetingProbe.Answer me = sandbox.greet(outcome, "me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.body()).contains("Hello, me!");
        GreetingProbe.Answer nobody = sandbox.greet(outcome, "");
        assertThat(nobody.status()).as(nobody.toString()).isEqualTo(200);
        assertThat(nobody.body()).contains("Hello, World");
    }

    @Test
    void applyingAChangedManifestAgainUpdatesTheObjectAndKeepsTheOperatorsFinalizer() throws IOException {
        Path file = dir.resolve("again.yaml");
        Files.writeString(file, """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: again
                spec:
                  functionArn: arn:aws:lambda:us-east-1:123456789012:function:HelloWorld
                  path: again
                  stage: test
                """);
        Manifests.Applied created = sandbox.apply(file).get(0);
        assertThat(created.created()).isTrue();
        assertThat(sandbox.awaitConverged(created, CONVERGE).isReady()).isTrue();
        Files.writeString(file, Files.readString(file).replace("stage: test", "stage: prod"));

        assertThat(sandbox.apply(file)).singleElement().satisfies(a -> assertThat(a.created()).isFalse());

        GreetingApi again = sandbox.client().resources(GreetingApi.class).inNamespace("default").withName("again").get();
        assertThat(again.getSpec().getStage()).isEqualTo("prod");
        assertThat(again.getMetadata().getGeneration()).isEqualTo(2);
        assertThat(again.getMetadata().getFinalizers()).isNotEmpty();
        Convergence.Outcome outcome = sandbox.awaitConverged(created, CONVERGE);
        assertThat(outcome.isReady()).as(outcome.explanation()).isTrue();
        assertThat(outcome.invokeUrl()).endsWith("/prod/again");
    }

    @Test
    void startsEverythingOnLoopbackAndWritesAKubeconfig() throws IOException {
        assertThat(sandbox.kubeconfig()).isEqualTo(dir.resolve("kubeconfig").toAbsolutePath());
        assertThat(Files.readString(sandbox.kubeconfig())).contains("server: " + sandbox.kubeApi().url());
        assertThat(sandbox.kubeApi().url().getHost()).isEqualTo("127.0.0.1");
        assertThat(sandbox.awsEndpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(sandbox.client().apiextensions().v1().customResourceDefinitions().withName(GreetingApi.CRD_NAME).get())
                .isNotNull();
        assertThat(sandbox.function()).isEqualTo(new SampleFunction.Outcome(true,
                "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld"));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("Kubernetes API").contains(sandbox.kubeconfig().toString()))
                .anySatisfy(line -> assertThat(line).contains("created from examples/hello-world-function"))
                .anySatisfy(line -> assertThat(line).contains("operator"));
    }

    @Test
    void anInvalidManifestIsRefusedByTheApiServerWithItsReasons() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: bad
                spec:
                  functionArn: not-an-arn
                  path: greeting
                """);
        assertThatThrownBy(() -> sandbox.apply(bad))
                .isInstanceOf(Manifests.RefusedException.class)
                .hasMessageContaining("GreetingApi bad refused")
                .hasMessageContaining("spec.functionArn")
                .hasMessageContaining("spec.stage");
        assertThat(sandbox.client().resources(GreetingApi.class).inNamespace("default").withName("bad").get()).isNull();
    }

    @Test
    void aFunctionThatDoesNotExistFailsFastWithTheOperatorsReason() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        Files.writeString(missing, """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: no-function
                spec:
                  functionArn: arn:aws:lambda:us-east-1:123456789012:function:Nobody
                  path: nobody
                  stage: test
                """);
        Manifests.Applied applied = sandbox.apply(missing).get(0);

        Convergence.Outcome outcome = sandbox.awaitConverged(applied, CONVERGE);

        assertThat(outcome.state()).isEqualTo(Convergence.State.FAILED);
        assertThat(outcome.ready().getReason()).isEqualTo("FunctionNotFound");
        assertThat(outcome.explanation()).contains("Ready=False FunctionNotFound").contains("Nobody");
    }

    @Test
    void theSampleFunctionIsCreatedOnlyWhenAbsent() {
        Emulator emulator = sandbox.emulator().orElseThrow();
        long creates = emulator.counters().calls("CreateFunction");
        try (LambdaClient lambda = LambdaClient.builder()
                .endpointOverride(sandbox.awsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(Sandbox.TEST_CREDENTIALS).build()) {
            SampleFunction.Outcome again = SampleFunction.ensure(lambda, Path.of(Examples.HELLO_WORLD_FUNCTION));
            assertThat(again.created()).isFalse();
        }
        assertThat(emulator.counters().calls("CreateFunction")).isEqualTo(creates);
    }

    @Test
    void stopsEverythingItStarted(@TempDir Path other) {
        Sandbox second = Sandbox.start(SandboxOptions.defaults(other.resolve("kubeconfig")), line -> { });
        int kubePort = second.kubeApi().url().getPort();
        int awsPort = second.awsEndpoint().getPort();

        second.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", kubePort).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", awsPort).close()).isInstanceOf(ConnectException.class);
        second.close(); // twice is harmless (shutdown hook after an orderly stop)
    }
}
