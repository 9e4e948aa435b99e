package dev.greeting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.aws.AwsAdapter;
import dev.greeting.aws.AwsSettings;
import dev.greeting.aws.Progress;
import dev.greeting.aws.QuotaPolicy;
import dev.greeting.emulator.Emulator;
import dev.greeting.model.GreetingApi;
import dev.greeting.reconcile.Adoption;
import dev.greeting.reconcile.DesiredState;
import dev.greeting.reconcile.ObservedState;
import dev.greeting.reconcile.Plan;
import dev.greeting.reconcile.Planner;
import dev.greeting.sandbox.Examples;
import dev.greeting.sandbox.SampleFunction;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code greeting-operator plan} in-process against the AWS emulator, as a user runs it before
 * {@code kubectl apply}: what it prints, how it exits, and that it writes nothing to AWS.
 */
class PlanCommandTest {
    private static final String REGION = "us-west-2";
    private static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Emulator emulator;
    private String functionArn;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() {
        emulator = Emulator.start();
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.of(SampleFunction.REGION)).credentialsProvider(TEST_CREDENTIALS).build()) {
            functionArn = SampleFunction.ensure(lambda, Path.of(Examples.HELLO_WORLD_FUNCTION)).functionArn();
        }
        emulator.counters().reset();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Run plan(URI endpoint, String... args) {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_REGION", REGION);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new PlanCommand(env, TEST_CREDENTIALS)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        System.out.println("plan " + String.join(" ", args) + " -> " + exit + "\n" + out + err);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run plan(String... args) {
        return plan(emulator.endpoint(), args);
    }

    private Path manifest(String name, String specExtra) throws Exception {
        Path file = dir.resolve(name + "-" + Math.abs(specExtra.hashCode()) + ".yaml");
        Files.writeString(file, document(name, specExtra));
        return file;
    }

    private String document(String name, String specExtra) {
        return """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: %s
                  namespace: default
                spec:
                  functionArn: %s
                  path: greeting
                  greeterParameter: greeter
                  stage: test
                %s""".formatted(name, functionArn, specExtra);
    }

    /**
     * What the operator does after kubectl apply: its own observe, Planner and PlanExecutor, under a
     * UID (against the annotated API, for an adopting manifest).
     */
    private void applyAsTheOperator(Path manifest, String uid) throws Exception {
        GreetingApi resource = Serialization.unmarshal(Files.readString(manifest), GreetingApi.class);
        resource.getMetadata().setUid(uid);
        try (AwsAdapter aws = new AwsAdapter(AwsSettings.forEndpoint(emulator.endpoint(), REGION, TEST_CREDENTIALS)
                .withQuotas(QuotaPolicy.unlimited()))) {
            DesiredState desired = DesiredState.of(resource, REGION);
            var annotations = resource.getMetadata().getAnnotations();
            String adopted = annotations == null ? null : annotations.get(Adoption.ANNOTATION);
            ObservedState observed = aws.observe(desired, adopted, true);
            Plan plan = Planner.plan(desired, observed);
            aws.apply(desired, observed, plan, new Progress());
        }
        emulator.counters().reset();
    }

    /** Every operation the emulator served since the last reset is a read. */
    private void assertNoWrites() {
        assertThat(emulator.counters().callSnapshot().keySet()).isNotEmpty()
                .allMatch(op -> op.startsWith("Get"), "a read (Get*)");
    }

    @Test
    void aNewManifestPlansTheCreatesAndExits2WithoutWriting() throws Exception {
        Run run = plan("-f", manifest("hello-world", "").toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(PlanCommand.CHANGES);
        assertThat(run.out()).contains("GreetingApi default/hello-world (no REST API yet in us-west-2)")
                .contains("+ create REST API 'default-hello-world'")
                .contains("+ create resource /greeting")
                .contains("+ create GET /greeting: parameter method.request.querystring.greeter")
                .contains("+ create integration of GET /greeting")
                .contains("+ create deployment: of configuration ")
                .contains("(the stage is created)")
                .contains("+ create permission greeting-operator-<uid>")
                .containsPattern("Plan: \\d+ to create, 0 to change, 0 to delete\\.")
                .doesNotContain("~ change", "- delete");
        assertNoWrites();
        // one listing by the resource tag (the manifest has no UID), one by the UID tag (as the operator looks)
        assertThat(emulator.counters().calls("GetRestApis")).isEqualTo(2);
    }

    @Test
    void afterTheOperatorAppliedItThePlanIsEmptyAndExits0() throws Exception {
        Path manifest = manifest("hello-world", "");
        applyAsTheOperator(manifest, "7d3c6a2e-0000-4000-8000-000000000001");

        Run run = plan("-f", manifest.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(PlanCommand.NO_CHANGES);
        assertThat(run.out()).containsPattern("GreetingApi default/hello-world \\(REST API \\w+ in us-west-2\\): up to date")
                .contains("No changes: AWS matches the manifest.");
        assertNoWrites();
    }

    @Test
    void aManifestWithItsUidIsFoundByTheUidTag() throws Exception {
        Path manifest = manifest("hello-world", "");
        String uid = "7d3c6a2e-0000-4000-8000-000000000002";
        applyAsTheOperator(manifest, uid);
        Path withUid = dir.resolve("with-uid.yaml");
        Files.writeString(withUid, Files.readString(manifest).replace("  namespace: default\n",
                "  namespace: default\n  uid: " + uid + "\n"));

        assertThat(plan("-f", withUid.toString()).exit()).isEqualTo(PlanCommand.NO_CHANGES);
    }

    @Test
    void aSpecChangeShowsTheChangeAndExits2WithoutWriting() throws Exception {
        applyAsTheOperator(manifest("hello-world", ""), "7d3c6a2e-0000-4000-8000-000000000003");
        Path changed = dir.resolve("changed.yaml");
        Files.writeString(changed, document("hello-world", "").replace("greeterParameter: greeter", "greeterParameter: name")
                .replace("stage: test", "stage: prod"));

        Run run = plan("-f", changed.toString(), "-o", "json");

        assertThat(run.exit()).as(run.err()).isEqualTo(PlanCommand.CHANGES);
        JsonNode changes = JSON.readTree(run.out());
        assertThat(changes.isArray()).isTrue();
        List<String> lines = new java.util.ArrayList<>();
        changes.forEach(c -> {
            assertThat(c.path("greetingApi").asText()).isEqualTo("default/hello-world");
            assertThat(c.path("restApiId").asText()).isNotBlank();
            lines.add(c.path("action").asText() + " " + c.path("object").asText() + ": " + c.path("detail").asText());
        });
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("change GET /greeting: ")
                        .contains("method.request.querystring.name"))
                .anySatisfy(l -> assertThat(l).startsWith("change integration of GET /greeting"))
                .anySatisfy(l -> assertThat(l).startsWith("create deployment: ").contains("to stage prod (the stage is created)"))
                .anySatisfy(l -> assertThat(l).isEqualTo("delete stage test: stale (DeleteStage)"))
                .noneSatisfy(l -> assertThat(l).startsWith("create REST API"));
        assertNoWrites();
    }

    @Test
    void severalGreetingApisInOneManifestArePlannedEach() throws Exception {
        applyAsTheOperator(manifest("hello-world", ""), "7d3c6a2e-0000-4000-8000-000000000004");
        Path both = dir.resolve("both.yaml");
        Files.writeString(both, document("hello-world", "") + "---\n" + document("second", "")
                + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n");

        Run run = plan("-f", both.toString());

        assertThat(run.exit()).isEqualTo(PlanCommand.CHANGES);
        assertThat(run.out()).containsPattern("GreetingApi default/hello-world \\(REST API \\w+ in us-west-2\\): up to date")
                .contains("GreetingApi default/second (no REST API yet in us-west-2)")
                .contains("+ create REST API 'default-second'");
        assertThat(run.err()).contains("skipping v1 Namespace");
        assertNoWrites();
        assertThat(emulator.counters().calls("GetRestApis")).as("the region is listed once per tag, not per resource")
                .isEqualTo(2);
    }

    @Test
    void anAdoptingManifestPlansAgainstTheAnnotatedApiAndARefusalExits1() throws Exception {
        String handMade;
        try (ApiGatewayClient apigw = ApiGatewayClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.of(REGION)).credentialsProvider(TEST_CREDENTIALS).build()) {
            handMade = apigw.createRestApi(b -> b.name("default-hello-world")).id();
        }
        emulator.counters().reset();
        Path adopting = dir.resolve("adopting.yaml");
        Files.writeString(adopting, document("hello-world", "").replace("  namespace: default\n",
                "  namespace: default\n  annotations:\n    " + Adoption.ANNOTATION + ": " + handMade + "\n"));

        Run run = plan("-f", adopting.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(PlanCommand.CHANGES);
        assertThat(run.out()).contains("(REST API " + handMade + " in us-west-2)")
                .contains("+ create resource /greeting")
                .doesNotContain("create REST API");
        assertNoWrites();

        // Once the operator adopted it under a UID, another manifest adopting it is refused.
        applyAsTheOperator(adopting, "7d3c6a2e-0000-4000-8000-000000000009");
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, Files.readString(adopting).replace("name: hello-world", "name: other"));
        Run refused = plan("-f", other.toString());
        assertThat(refused.exit()).isEqualTo(PlanCommand.ERROR);
        assertThat(refused.err()).startsWith("plan: " + Adoption.REASON_REFUSED).contains(handMade);
        assertNoWrites();
    }

    @Test
    void aBadManifestExits1WithTheReason() throws Exception {
        Path notYaml = dir.resolve("broken.yaml");
        Files.writeString(notYaml, "apiVersion: greeting.dev/v1alpha1\nkind: GreetingApi\nmetadata: [unclosed\n");
        Run broken = plan("-f", notYaml.toString());
        assertThat(broken.exit()).isEqualTo(PlanCommand.ERROR);
        assertThat(broken.err()).startsWith("plan: " + notYaml + ": not valid YAML");

        Path invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, document("hello-world", "").replace(functionArn, "not-an-arn"));
        Run refused = plan("-f", invalid.toString());
        assertThat(refused.exit()).isEqualTo(PlanCommand.ERROR);
        assertThat(refused.err()).startsWith("plan: invalid GreetingApi: ").contains("functionArn");

        Path none = dir.resolve("none.yaml");
        Files.writeString(none, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        assertThat(plan("-f", none.toString()).err()).contains("plan: no GreetingApi (greeting.dev/v1alpha1) in");

        Run missing = plan("-f", dir.resolve("absent.yaml").toString());
        assertThat(missing.exit()).isEqualTo(PlanCommand.ERROR);
        assertThat(missing.err()).contains("cannot read").contains("absent.yaml");

        assertThat(plan().exit()).as("-f is required").isEqualTo(PlanCommand.ERROR);
        assertThat(emulator.counters().totalCalls()).isZero();
    }

    @Test
    void anUnreachableAwsExits1WithTheReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Run run = plan(URI.create("http://127.0.0.1:" + closedPort), "-f", manifest("hello-world", "").toString());

        assertThat(run.exit()).isEqualTo(PlanCommand.ERROR);
        assertThat(run.err()).startsWith("plan: cannot read AWS (AwsUnreachable): GetRestApis: cannot reach AWS");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theJarsEntryPointHasThePlanCommand() {
        Object command = new CommandLine(new Main()).getSubcommands().get("plan").getCommand();
        assertThat(command).isInstanceOf(PlanCommand.class);
    }
}
