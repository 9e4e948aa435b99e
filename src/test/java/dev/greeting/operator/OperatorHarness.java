package dev.greeting.operator;

import static org.awaitility.Awaitility.await;

import dev.greeting.aws.AwsSettings;
import dev.greeting.aws.QuotaPolicy;
import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.EmulatorOptions;
import dev.greeting.model.GreetingApi;
import dev.greeting.model.GreetingApiSpec;
import dev.greeting.reconcile.Conditions;
import dev.greeting.reconcile.ServingCheck;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * One test's world: the AWS emulator, a Kubernetes API with the GreetingApi CRD (fabric8's CRUD
 * mock, or a namespace on the real kube-apiserver for classes marked {@link OnRealServer}), the
 * real operator in-process between them, and SDK clients to read AWS back. The API lives in
 * us-west-2 and the functions in us-east-1, as in the recipe.
 */
final class OperatorHarness implements AutoCloseable {
    /** Which Kubernetes the harnesses started on this thread use; {@link OnRealServer} switches it per test. */
    private static final ThreadLocal<Supplier<KubeBackend>> BACKEND = ThreadLocal.withInitial(() -> CrudMockKube::start);
    static final Region API_REGION = Region.US_WEST_2;
    static final Region FUNCTION_REGION = Region.US_EAST_1;
    static final String ACCOUNT = "123456789012";
    static final Duration RESYNC = Duration.ofMillis(700);
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The emulator runs without quotas unless a test sets them; the operator keeps to AWS's, 100 times faster. */
    static final double QUOTA_SPEED = 100;
    static final String HELLO_JS = """
            exports.handler = async (event) => {
              if (event.greeter === undefined) { throw new Error('Missing the required greeter parameter.'); }
              return event.greeter === '' ? 'Hello, World' : `Hello, ${event.greeter}!`;
            };
            """;

    final Emulator emulator;
    private final KubeBackend kube;
    /** The test's client (may do anything); the operator has its own. */
    final KubernetesClient client;
    private final KubernetesClient operatorClient;
    final ApiGatewayClient apigw;
    final LambdaClient lambda;
    private final UnaryOperator<OperatorSettings> customize;
    private GreetingOperator operator;

    private OperatorHarness(EmulatorOptions emulatorOptions, UnaryOperator<OperatorSettings> customize) {
        this.emulator = Emulator.start(emulatorOptions);
        try {
            this.kube = BACKEND.get().get();
        } catch (RuntimeException | Error e) {
            emulator.close();
            throw e;
        }
        this.client = kube.client();
        this.operatorClient = kube.newOperatorClient();
        this.apigw = ApiGatewayClient.builder().endpointOverride(emulator.endpoint()).region(API_REGION)
                .credentialsProvider(credentials()).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        this.lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(FUNCTION_REGION)
                .credentialsProvider(credentials()).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        this.customize = customize;
    }

    static void useBackend(Supplier<KubeBackend> backend) {
        BACKEND.set(backend);
    }

    static OperatorHarness start() {
        return start(EmulatorOptions.defaults(), UnaryOperator.identity());
    }

    static OperatorHarness start(EmulatorOptions emulatorOptions, UnaryOperator<OperatorSettings> customize) {
        OperatorHarness h = new OperatorHarness(emulatorOptions, customize);
        h.startOperator();
        return h;
    }

    /** The emulator and the Kubernetes API only: the test starts its own operator instances. */
    static OperatorHarness startWithoutOperator() {
        return new OperatorHarness(EmulatorOptions.defaults(), UnaryOperator.identity());
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    OperatorSettings settings() {
        AwsSettings aws = AwsSettings.forEndpoint(emulator.endpoint(), API_REGION.id(), credentials())
                .withQuotas(QuotaPolicy.awsDefaults().scaled(QUOTA_SPEED))
                .withMaxQuotaWait(Duration.ofSeconds(5));
        OperatorSettings settings = OperatorSettings.of(aws).withNamespaces(kube.watchedNamespaces()).withResync(RESYNC)
                .withRetry(new RetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(300),
                        Duration.ofSeconds(2)))
                // a failed serving check is retried in test time, as the failures above are
                .withServingCheck(new ServingCheck(Duration.ofMillis(300), Duration.ofSeconds(2)));
        return customize.apply(settings);
    }

    void startOperator() {
        operator = GreetingOperator.start(operatorClient, settings());
    }

    /** Starts the operator with this harness's settings changed once more (e.g. another default region). */
    void startOperator(UnaryOperator<OperatorSettings> change) {
        operator = GreetingOperator.start(operatorClient, change.apply(settings()));
    }

    /** Stops the operator as a crash would: whatever it was doing is not finished. */
    void stopOperator() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    GreetingOperator operator() {
        return operator;
    }

    /** Where this harness's resources, Events and Leases live. */
    String namespace() {
        return kube.namespace();
    }

    /** A new client with the operator's identity, for a test that runs operator instances itself; the caller closes it. */
    KubernetesClient newOperatorClient() {
        return kube.newOperatorClient();
    }

    /** Creates a Node.js function in the emulator (us-east-1) and returns its ARN. */
    String createFunction(String name) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.NODEJS20_X)
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda-basic-execution").handler("index.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("index.js", HELLO_JS))))).functionArn();
    }

    static String functionArn(String name) {
        return "arn:aws:lambda:" + FUNCTION_REGION.id() + ":" + ACCOUNT + ":function:" + name;
    }

    /** A GreetingApi without a namespace: {@link #create} puts it in the harness's. */
    /** The namespace is left to {@link #create}: the harness's. */
    static GreetingApi greetingApi(String name, String functionArn, Consumer<GreetingApiSpec> customize) {
        return dev.greeting.testsupport.GreetingApis.greetingApi(null, name, functionArn, customize);
    }

    GreetingApi create(GreetingApi resource) {
        return client.resource(inNamespace(resource)).create();
    }

    /** For a spec the CRD refuses: created as a cluster with an older CRD would store it (see {@link KubeBackend}). */
    GreetingApi createUnderAnOlderCrd(GreetingApi resource) {
        return kube.createUnderAnOlderCrd(inNamespace(resource));
    }

    private GreetingApi inNamespace(GreetingApi resource) {
        if (resource.getMetadata().getNamespace() == null) {
            resource.getMetadata().setNamespace(namespace());
        }
        return resource;
    }

    GreetingApi get(String name) {
        return client.resources(GreetingApi.class).inNamespace(namespace()).withName(name).get();
    }

    /** Changes the spec as {@code kubectl edit} would (the generation goes up). */
    GreetingApi editSpec(String name, Consumer<GreetingApiSpec> change) {
        return client.resources(GreetingApi.class).inNamespace(namespace()).withName(name).edit(r -> {
            change.accept(r.getSpec());
            return r;
        });
    }

    void delete(String name) {
        client.resources(GreetingApi.class).inNamespace(namespace()).withName(name).delete();
    }

    Condition ready(String name) {
        GreetingApi r = get(name);
        return r == null || r.getStatus() == null ? null : Conditions.find(r.getStatus().getConditions(), Conditions.READY);
    }

    /** Waits until Ready=True for the current generation, and returns the resource. */
    GreetingApi awaitReady(String name) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            GreetingApi r = get(name);
            return r != null && r.getStatus() != null
                    && r.getMetadata().getGeneration().equals(r.getStatus().getObservedGeneration())
                    && Conditions.isTrue(r.getStatus().getConditions(), Conditions.READY);
        });
        return get(name);
    }

    /** Waits until Ready=False with this reason for the current generation, and returns the condition. */
    Condition awaitNotReady(String name, String reason) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            GreetingApi r = get(name);
            Condition c = r == null || r.getStatus() == null ? null : Conditions.find(r.getStatus().getConditions(), Conditions.READY);
            return c != null && "False".equals(c.getStatus()) && reason.equals(c.getReason())
                    && r.getMetadata().getGeneration().equals(r.getStatus().getObservedGeneration());
        });
        return ready(name);
    }

    List<Event> events(String name) {
        return client.v1().events().inNamespace(namespace()).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    List<String> eventReasons(String name) {
        return events(name).stream().map(Event::getReason).toList();
    }

    /** Calls counted by the emulator for these operations. */
    long calls(String... operations) {
        return emulator.counters().calls(operations);
    }

    long writes() {
        return emulator.counters().callSnapshot().entrySet().stream()
                .filter(e -> !isRead(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    long reads() {
        return emulator.counters().callSnapshot().entrySet().stream()
                .filter(e -> isRead(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** As the emulator's crash points count: TestInvokeMethod (the serving check) stores nothing, so it is no write. */
    static boolean isRead(String operation) {
        return dev.greeting.emulator.control.CrashPoints.isRead(operation);
    }

    static byte[] zip(String file, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(file));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        try {
            stopOperator();
            apigw.close();
            lambda.close();
            operatorClient.close();
            kube.close();
        } finally {
            emulator.close();
        }
    }
}
