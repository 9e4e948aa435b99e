package dev.greeting.bench;

import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.EmulatorOptions;
import dev.greeting.emulator.lambda.FunctionRef;
import dev.greeting.model.GreetingApi;
import dev.greeting.sandbox.Examples;
import dev.greeting.sandbox.SampleFunction;
import dev.greeting.sandbox.kube.KubeApi;
import dev.greeting.sandbox.kube.KubeApiServer;
import dev.greeting.sandbox.realkube.KubeBinaries;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * What the operator runs against in a bench: the AWS emulator with AWS's quotas at the bench's time
 * scale, a Kubernetes API with the CRD (the real kube-apiserver when its binaries are built, else
 * the embedded one) and a kubeconfig for the operator's process, and the Lambda functions the
 * GreetingApis point at.
 */
public final class BenchEnvironment implements AutoCloseable {
    static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    static final String FUNCTION_REGION = "us-east-1";
    /**
     * A function's resource policy is capped at 20 KB (about 60 invoke permissions), so a thousand
     * APIs cannot share one function, in AWS as in the emulator: a function per this many APIs.
     */
    static final int APIS_PER_FUNCTION = 25;
    private static final String CRD = "/META-INF/fabric8/" + GreetingApi.CRD_NAME + "-v1.yml";

    final Emulator emulator;
    final KubeApi kube;
    final KubernetesClient client;
    final Path kubeconfig;
    private final java.util.Map<String, List<String>> functions = new java.util.HashMap<>();

    private BenchEnvironment(Emulator emulator, KubeApi kube, Path kubeconfig) {
        this.emulator = emulator;
        this.kube = kube;
        this.kubeconfig = kubeconfig;
        this.client = kube.newClient();
    }

    public static BenchEnvironment start(BenchOptions options) {
        Emulator emulator = Emulator.start(EmulatorOptions.defaults().withQuotas("aws", options.scale()));
        KubeApi kube = null;
        try {
            kube = startKube(options);
            try (InputStream crd = BenchEnvironment.class.getResourceAsStream(CRD)) {
                if (crd == null) {
                    throw new IllegalStateException("the CRD " + CRD + " is not on the classpath (run mvn package)");
                }
                kube.installCrds(crd);
            }
            Path kubeconfig = kube.writeKubeconfig(options.outDir().resolve("work").resolve("kubeconfig")).toAbsolutePath();
            BenchEnvironment env = new BenchEnvironment(emulator, kube, kubeconfig);
            env.primeCustomResourceCreates();
            return env;
        } catch (IOException e) {
            close(kube, emulator);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close(kube, emulator);
            throw e;
        }
    }

    private static KubeApi startKube(BenchOptions options) {
        if (options.realKube()) {
            var binaries = KubeBinaries.find();
            if (binaries.isPresent()) {
                return RealKubeApiServer.start(binaries.get(), options.outDir().resolve("work").resolve("real-kube").toAbsolutePath());
            }
        }
        return KubeApiServer.start(0);
    }

    /**
     * Creates and deletes one GreetingApi before any operator runs (no finalizer, so it goes at
     * once). A kube-apiserver's ResourceQuota admission registers an evaluator for a resource type
     * on the first create it sees and held that create for 2 s here ("quota admission added
     * evaluator for: greetingapis.greeting.dev" in its log): a one-off of a freshly installed CRD,
     * which would otherwise be billed to the warm-up's cold first Ready.
     */
    private void primeCustomResourceCreates() {
        GreetingApi api = Bench.greetingApi("default", "bench-prime",
                "arn:aws:lambda:" + FUNCTION_REGION + ":" + FunctionRef.ACCOUNT_ID + ":function:bench-prime");
        client.resource(api).create();
        client.resource(api).delete();
    }

    public URI awsEndpoint() {
        return emulator.endpoint();
    }

    public String kubeDescription() {
        return kube instanceof RealKubeApiServer ? "kube-apiserver " + KubeBinaries.KUBERNETES_VERSION + " + etcd "
                + KubeBinaries.ETCD_VERSION : "embedded KubeApiServer";
    }

    /**
     * The function the {@code i}-th API of a pool points at, creating functions as needed (call it
     * before the measured time): pools keep the operator's and the peer's permissions apart.
     */
    public String functionFor(String pool, int i) {
        int index = i / APIS_PER_FUNCTION;
        List<String> pooled = functions.computeIfAbsent(pool, p -> new ArrayList<>());
        while (pooled.size() <= index) {
            pooled.add(createFunction(pool + "-" + pooled.size()));
        }
        return pooled.get(index);
    }

    /** The project's sample function (a clone's examples/, else the jar's copy), under another name. */
    private String createFunction(String name) {
        Path source = Examples.find(Path.of(""), Examples.HELLO_WORLD_FUNCTION).orElseThrow(() ->
                new IllegalStateException("no " + Examples.HELLO_WORLD_FUNCTION + " here and none packaged in the jar"));
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.of(FUNCTION_REGION)).credentialsProvider(TEST_CREDENTIALS).build()) {
            return SampleFunction.create(lambda, name, source);
        }
    }

    @Override
    public void close() {
        client.close();
        close(kube, emulator);
    }

    private static void close(KubeApi kube, Emulator emulator) {
        if (kube != null) {
            kube.close();
        }
        emulator.close();
    }
}
