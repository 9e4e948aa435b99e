package dev.greeting.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.greeting.cli.Main;
import dev.greeting.cli.SandboxCommand;
import dev.greeting.emulator.Emulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code greeting-operator sandbox} in-process, as a user runs it: what it prints and how it exits. */
class SandboxCommandTest {
    private static final Pattern INVOKE_URL = Pattern.compile("is Ready: (http://127\\.0\\.0\\.1:\\d+/_aws/execute-api/\\S+)");
    private static final Pattern KUBE_API = Pattern.compile("Kubernetes API  http://127\\.0\\.0\\.1:(\\d+)");
    @TempDir
    Path dir;

    /** One in-process run: the command's output and exit code. */
    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run sandbox(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = command(env, out, err).execute(withKubeconfig(args));
        return new Run(exit, out.toString(), err.toString());
    }

    private static CommandLine command(Map<String, String> env, StringWriter out, StringWriter err) {
        return new CommandLine(new SandboxCommand(env, Path.of("")))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    @Test
    void theJarsEntryPointHasTheSandboxCommand() {
        Object command = new CommandLine(new Main()).getSubcommands().get("sandbox").getCommand();
        assertThat(command).isInstanceOf(SandboxCommand.class);
    }

    private String[] withKubeconfig(String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", dir.resolve("kubeconfig").toString()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void onceAppliesTheExamplePrintsTheInvokeUrlAndTheGreetingThenExits() {
        Run run = sandbox(Map.of(), "--once");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out())
                .contains("Kubernetes API  http://127.0.0.1:")
                .contains("kubeconfig " + dir.resolve("kubeconfig").toAbsolutePath())
                .contains("Lambda          arn:aws:lambda:us-east-1:123456789012:function:HelloWorld  (created from "
                        + "examples/hello-world-function)")
                .contains("Applying examples/hello-world.yaml")
                .contains("greetingapi default/hello-world created")
                .contains("default/hello-world: Ready=True Deployed")
                .contains("All GreetingApis are Ready and answer.")
                .doesNotContain("Ctrl-C");
        Matcher url = INVOKE_URL.matcher(run.out());
        assertThat(url.find()).as(run.out()).isTrue();
        assertThat(run.out()).contains("GET " + url.group(1) + "?greeter=me  ->  200 ").contains("Hello, me!")
                .contains("GET " + url.group(1) + "?greeter=  ->  200 ").contains("Hello, World");
    }

    @Test
    void onceFailsWithTheReasonWhenAManifestIsRefused() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: bad-stage
                spec:
                  functionArn: arn:aws:lambda:us-east-1:123456789012:function:HelloWorld
                  path: greeting
                  stage: "no spaces allowed"
                """);

        Run run = sandbox(Map.of(), "--once", "-f", bad.toString());

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED: " + bad).contains("GreetingApi bad-stage refused").contains("spec.stage");
    }

    @Test
    void onceFailsWithTheReadyFalseMessageWhenTheResourceCannotConverge() throws Exception {
        Path elsewhere = dir.resolve("elsewhere.yaml");
        Files.writeString(elsewhere, """
                apiVersion: greeting.dev/v1alpha1
                kind: GreetingApi
                metadata:
                  name: missing-function
                spec:
                  functionArn: arn:aws:lambda:us-east-1:123456789012:function:NotDeployed
                  path: greeting
                  stage: test
                """);

        Run run = sandbox(Map.of(), "--once", "-f", elsewhere.toString());

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED: default/missing-function: Ready=False FunctionNotFound")
                .contains("NotDeployed");
    }

    @Test
    void onceFailsAtOnceWhenNodeIsMissing() {
        Run run = sandbox(Map.of("GREETING_EMULATOR_NODE", dir.resolve("no-node-here").toString()), "--once");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED: node not found").contains("no-node-here");
        assertThat(run.out()).doesNotContain("Starting the sandbox");
    }

    @Test
    void aMissingManifestIsReportedBeforeAnythingStarts() {
        Run run = sandbox(Map.of(), "--once", "-f", dir.resolve("nope.yaml").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED: no manifest ").contains("nope.yaml");
        assertThat(run.out()).doesNotContain("Starting the sandbox");
    }

    @Test
    void usesAwsEndpointUrlInsteadOfTheEmbeddedEmulator() {
        try (Emulator external = Emulator.start()) {
            Run run = sandbox(Map.of("AWS_ENDPOINT_URL", external.endpoint().toString()), "--once");

            assertThat(run.exit()).as(run.all()).isZero();
            assertThat(run.out()).contains("AWS endpoint    " + external.endpoint() + "  (from AWS_ENDPOINT_URL")
                    .doesNotContain("AWS emulator ")
                    .contains("is Ready: " + external.endpoint() + "/_aws/execute-api/")
                    .contains("Hello, me!");
            assertThat(external.counters().calls("CreateFunction")).isEqualTo(1);
            assertThat(external.counters().calls("CreateRestApi")).isEqualTo(1);
        }
    }

    @Test
    void servesUntilStoppedThenStopsEverything() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = command(Map.of(), out, err);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serving = new Thread(() -> exit.set(command.execute(withKubeconfig("--port-aws", "0"))), "sandbox-serving");
        serving.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("Ctrl-C stops everything"));
            String printed = out.toString();
            Matcher url = INVOKE_URL.matcher(printed);
            assertThat(url.find()).as(printed).isTrue();
            assertThat(printed).contains("curl '" + url.group(1) + "?greeter=me'")
                    .contains("kubectl --kubeconfig " + dir.resolve("kubeconfig").toAbsolutePath() + " get gapi");
            GreetingProbe.Answer answer = GreetingProbe.greet(url.group(1), "greeter", "me");
            assertThat(answer.body()).as(answer.toString()).contains("Hello, me!");
            int awsPort = URI.create(url.group(1)).getPort();
            Matcher kube = KUBE_API.matcher(printed);
            assertThat(kube.find()).as(printed).isTrue();
            int kubePort = Integer.parseInt(kube.group(1));

            serving.interrupt();
            serving.join(Duration.ofSeconds(30).toMillis());

            assertThat(serving.isAlive()).isFalse();
            assertThat(exit.get()).isZero();
            assertThatThrownBy(() -> new Socket("127.0.0.1", awsPort).close()).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> new Socket("127.0.0.1", kubePort).close()).isInstanceOf(ConnectException.class);
        } finally {
            serving.interrupt();
        }
    }
}
