package dev.greeting.sandbox;

import dev.greeting.aws.AwsSettings;
import dev.greeting.aws.QuotaPolicy;
import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.EmulatorOptions;
import dev.greeting.model.GreetingApi;
import dev.greeting.operator.GreetingOperator;
import dev.greeting.operator.OperatorSettings;
import dev.greeting.sandbox.kube.KubeApi;
import dev.greeting.sandbox.kube.KubeApiServer;
import dev.greeting.sandbox.realkube.KubeBinaries;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Everything the operator needs, in one process on loopback: an in-process Kubernetes API with the
 * GreetingApi CRD (and a kubeconfig for kubectl), the AWS emulator (or the endpoint given), the
 * sample HelloWorld function, and the operator between them. A library: the {@code sandbox}
 * command prints what it does, tests drive it directly.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults(Path.of("target/sandbox/kubeconfig")), System.out::println)) {
 *     for (Manifests.Applied applied : sandbox.apply(Path.of("examples/hello-world.yaml"))) {
 *         Convergence.Outcome outcome = sandbox.awaitConverged(applied, Duration.ofSeconds(60));
 *         sandbox.greet(outcome, "me");   // 200 ... Hello, me!
 *     }
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
    /** The CRD generated from the model at build time, packaged in the jar. */
    static final String CRD_RESOURCE = "/META-INF/fabric8/" + GreetingApi.CRD_NAME + "-v1.yml";
    /** The sandbox's AWS is an emulator (embedded or LocalStack style): these are its test credentials. */
    static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final SandboxOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private KubeApi kubeApi;
    private Path kubeconfig;
    private KubernetesClient client;
    private Emulator emulator;
    private URI awsEndpoint;
    private SampleFunction.Outcome function;
    private String functionSource;
    private GreetingOperator operator;
    private boolean closed;

    private Sandbox(SandboxOptions options) {
        this.options = options;
    }

    /** Starts everything, reporting each step to {@code log}; on failure, stops what had started and rethrows. */
    public static Sandbox start(SandboxOptions options, Consumer<String> log) {
        Sandbox sandbox = new Sandbox(options);
        try {
            sandbox.startAll(log);
            return sandbox;
        } catch (RuntimeException | Error e) {
            sandbox.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> log) {
        kubeApi = started(startKubeApi(log));
        kubeconfig = kubeApi.writeKubeconfig(options.kubeconfig()).toAbsolutePath();
        List<String> crds;
        try (InputStream crd = Sandbox.class.getResourceAsStream(CRD_RESOURCE)) {
            if (crd == null) {
                throw new IllegalStateException("the CRD " + CRD_RESOURCE + " is not on the classpath (run mvn package)");
            }
            crds = kubeApi.installCrds(crd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = started(kubeApi.newClient());
        log.accept("Kubernetes API  " + kubeApi.url() + "  (" + kubeApi.description() + "; CRD " + String.join(", ", crds)
                + "; kubeconfig "
                + kubeconfig + ")");

        if (options.awsEndpoint() == null) {
            emulator = started(Emulator.start(EmulatorOptions.defaults().withPort(options.awsPort())));
            awsEndpoint = emulator.endpoint();
            log.accept("AWS emulator    " + awsEndpoint + "  (API Gateway, Lambda; credentials test/test)");
        } else {
            awsEndpoint = options.awsEndpoint();
            log.accept("AWS endpoint    " + awsEndpoint + "  (from AWS_ENDPOINT_URL; credentials test/test)");
        }

        Path source = Examples.find(options.workingDirectory(), Examples.HELLO_WORLD_FUNCTION).orElseThrow(() ->
                new IllegalStateException("no " + Examples.HELLO_WORLD_FUNCTION + " in " + options.workingDirectory()
                        .toAbsolutePath() + " and none packaged in the jar"));
        functionSource = Examples.describe(source);
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(awsEndpoint)
                .region(Region.of(SampleFunction.REGION)).credentialsProvider(TEST_CREDENTIALS).build()) {
            function = SampleFunction.ensure(lambda, source);
        }
        log.accept("Lambda          " + function.functionArn() + (function.created()
                ? "  (created from " + functionSource + ")" : "  (already there, left as is)"));

        // The embedded emulator enforces no quotas, so the operator need not pace itself; a
        // LocalStack-style endpoint gets AWS's pacing, as the operator would in production.
        QuotaPolicy quotas = emulator != null ? QuotaPolicy.unlimited() : QuotaPolicy.awsDefaults();
        AwsSettings aws = AwsSettings.forEndpoint(awsEndpoint, options.region(), TEST_CREDENTIALS).withQuotas(quotas);
        operator = started(GreetingOperator.start(client, OperatorSettings.of(aws).withResync(options.resync())));
        log.accept("operator        started: REST APIs in " + options.region() + ", resync every "
                + options.resync().toSeconds() + "s");
    }

    private KubeApi startKubeApi(Consumer<String> log) {
        if (options.kube() == SandboxOptions.Kube.EMBEDDED) {
            return KubeApiServer.start(options.kubePort());
        }
        Path dir = options.kubeconfig().toAbsolutePath().getParent();
        KubeBinaries binaries = KubeBinaries.find().orElseGet(() -> buildBinaries(dir, log));
        return RealKubeApiServer.start(binaries, dir.resolve("real-kube"), options.kubePort());
    }

    /** In a clone with Go, builds the real test bed once (minutes; cached after); elsewhere says how. */
    private KubeBinaries buildBinaries(Path dir, Consumer<String> log) {
        Path clone = options.workingDirectory();
        if (!Files.isRegularFile(clone.resolve(KubeBinaries.BUILD_SCRIPT)) || !KubeBinaries.goInstalled()) {
            throw new IllegalStateException("--kube real needs kube-apiserver, etcd and kubectl in "
                    + KubeBinaries.defaultDir() + ": run 'bash " + KubeBinaries.BUILD_SCRIPT
                    + "' in a clone of greeting-operator (it needs Go), or leave out --kube real");
        }
        Path buildLog = dir.resolve("real-kube-build.log");
        log.accept("building kube-apiserver " + KubeBinaries.KUBERNETES_VERSION + " and etcd " + KubeBinaries.ETCD_VERSION
                + " from the Go module proxy (once, a few minutes; " + buildLog + ")");
        return KubeBinaries.build(clone, buildLog);
    }

    private <T extends AutoCloseable> T started(T component) {
        started.add(0, component);
        return component;
    }

    /** Applies every object in a manifest through the API server (admission applies). */
    public List<Manifests.Applied> apply(Path manifest) {
        return Manifests.apply(client, Manifests.read(manifest));
    }

    /** Waits until the GreetingApi is Ready for its current generation, fails for good, or {@code timeout} passes. */
    public Convergence.Outcome awaitConverged(Manifests.Applied greetingApi, Duration timeout) {
        return Convergence.await(client, greetingApi.namespace(), greetingApi.name(), timeout);
    }

    /** Calls a Ready GreetingApi's invoke URL with its greeter parameter set to {@code greeter}. */
    public GreetingProbe.Answer greet(Convergence.Outcome ready, String greeter) {
        String parameter = ready.resource().getSpec().getGreeterParameter();
        return GreetingProbe.greet(ready.invokeUrl(), parameter == null ? "greeter" : parameter, greeter);
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public KubeApi kubeApi() {
        return kubeApi;
    }

    /** A client of the sandbox's Kubernetes API (namespace default); owned by the sandbox. */
    public KubernetesClient client() {
        return client;
    }

    /** The embedded emulator; empty when an endpoint was given instead. */
    public Optional<Emulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    public URI awsEndpoint() {
        return awsEndpoint;
    }

    public SampleFunction.Outcome function() {
        return function;
    }

    public GreetingOperator operator() {
        return operator;
    }

    public SandboxOptions options() {
        return options;
    }

    /** Stops in the reverse order of starting: the operator, the emulator (and with it the functions' node processes), the Kubernetes API. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (AutoCloseable component : started) {
            try {
                component.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the sandbox: " + e, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
