package dev.greeting.sandbox;

import dev.greeting.testsupport.Kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.emulator.Emulator;
import dev.greeting.model.GreetingApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the serving sandbox tells a newcomer to try: the real kubectl with the written kubeconfig,
 * against the sandbox's Kubernetes API, while the operator and the emulator serve.
 */
class SandboxKubectlTest {
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    private static Sandbox sandbox;
    private static Kubectl kubectl;
    private static String helloWorldUrl;

    @BeforeAll
    static void start() {
        Optional<Path> binary = Kubectl.find();
        if (binary.isEmpty()) {
            System.out.println("SKIPPED SandboxKubectlTest: no kubectl on this machine (looked at $KUBECTL and the PATH)");
        }
        Assumptions.assumeTrue(binary.isPresent(), "kubectl not found: install it to run the sandbox's kubectl tests");
        sandbox = Sandbox.start(SandboxOptions.defaults(dir.resolve("kubeconfig")), line -> { });
        Manifests.Applied example = sandbox.apply(Path.of(Examples.HELLO_WORLD)).get(0);
        Convergence.Outcome ready = sandbox.awaitConverged(example, CONVERGE);
        assertThat(ready.isReady()).as(ready.explanation()).isTrue();
        helloWorldUrl = ready.invokeUrl();
        kubectl = new Kubectl(binary.get(), sandbox.kubeconfig(), dir, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static Path manifest(String name, String path) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: %s
                spec:
                  functionArn: arn:aws:lambda:us-east-1:123456789012:function:HelloWorld
                  path: %s
                  stage: test
                """.formatted(name, path));
        return file;
    }

    /** A row of {@code kubectl get gapi}: the name, Ready True, the URL, then the age. */
    private static String row(String name, String url) {
        return "(?m)^" + name + "\\s+True\\s+" + Pattern.quote(url) + "\\s+\\S+$"; // NAME READY URL AGE
    }

    private static Kubectl.Result ok(String... args) {
        Kubectl.Result result = kubectl.run(args);
        assertThat(result.exit()).as("kubectl %s: %s", String.join(" ", args), result.all()).isZero();
        return result;
    }

    @Test
    void getShowsTheExampleReadyWithItsUrl() {
        String table = ok("get", "gapi").out();

        assertThat(table.lines().findFirst().orElseThrow()).matches("NAME\\s+READY\\s+URL\\s+AGE");
        assertThat(table).containsPattern(row("hello-world", helloWorldUrl));
    }

    @Test
    void aSecondGreetingApiAppliedWithKubectlBecomesReadyAndAnswersAtItsOwnUrl() throws Exception {
        Path second = manifest("hello-kubectl", "v1/hello");

        assertThat(ok("apply", "--validate=false", "-f", second.toString()).out())
                .contains("greetingapi.greeting.dev/hello-kubectl created");
        assertThat(ok("wait", "--for=condition=Ready", "gapi/hello-kubectl", "--timeout=60s").out())
                .contains("greetingapi.greeting.dev/hello-kubectl condition met");

        String url = ok("get", "gapi", "hello-kubectl", "-o", "jsonpath={.status.invokeUrl}").out();
        assertThat(url).startsWith(sandbox.awsEndpoint() + "/_aws/execute-api/").endsWith("/test/v1/hello")
                .isNotEqualTo(helloWorldUrl);
        assertThat(ok("get", "gapi").out()).containsPattern(row("hello-kubectl", url));
        String yaml = ok("get", "gapi", "hello-kubectl", "-o", "yaml").out();
        assertThat(yaml).contains("kind: GreetingApi").contains("greeterParameter: greeter")
                .contains("invokeUrl: " + url).contains("type: Ready").contains("status: \"True\"")
                .contains("reason: Deployed");
        GreetingProbe.Answer answer = GreetingProbe.greet(url, "greeter", "kubectl");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body()).contains("Hello, kubectl!");
    }

    @Test
    void deleteWaitsForTheFinalizerWhichRemovesTheApiFromAws() throws Exception {
        ok("apply", "-f", manifest("hello-gone", "gone").toString());
        ok("wait", "--for=condition=Ready", "gapi/hello-gone", "--timeout=60s");
        String restApiId = ok("get", "gapi", "hello-gone", "-o", "jsonpath={.status.restApiId}").out();
        Emulator emulator = sandbox.emulator().orElseThrow();
        assertThat(emulator.apiGateway().findRestApi(restApiId)).isPresent();
        assertThat(sandbox.client().resources(GreetingApi.class).withName("hello-gone").get().getMetadata().getFinalizers())
                .isNotEmpty();

        assertThat(ok("delete", "gapi", "hello-gone", "--timeout=60s").out())
                .contains("greetingapi.greeting.dev \"hello-gone\" deleted");

        // kubectl delete waits until the object is gone, i.e. until the operator released its finalizer.
        assertThat(sandbox.client().resources(GreetingApi.class).withName("hello-gone").get()).isNull();
        assertThat(emulator.apiGateway().findRestApi(restApiId)).isEmpty();
        assertThat(kubectl.run("get", "gapi", "hello-gone").err()).contains("NotFound");
    }

    @Test
    void aBadManifestIsRefusedWithItsReason() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: hello-bad
                spec:
                  functionArn: arn:aws:s3:::not-a-function
                  path: greeting
                  stage: test
                """);

        Kubectl.Result refused = kubectl.run("apply", "--validate=false", "-f", bad.toString());

        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("The GreetingApi \"hello-bad\" is invalid").contains("spec.functionArn");
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> sandbox.client().resources(GreetingApi.class).withName("hello-bad").get() == null);
    }
}
