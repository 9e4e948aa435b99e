package dev.greeting.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.cli.SandboxCommand;
import dev.greeting.model.GreetingApi;
import dev.greeting.testsupport.Kubectl;
import dev.greeting.testsupport.RealKube;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sandbox --kube real}: the whole sandbox flow on the real kube-apiserver and etcd instead of the embedded API. */
class SandboxOnRealServerTest {
    static final Duration CONVERGE = Duration.ofSeconds(60);
    @TempDir
    Path dir;

    @Test
    void theExampleConvergesAnswersAndKubectlReadsItFromTheRealServer() throws IOException {
        RealKube.binaries();
        List<String> log = new ArrayList<>();
        List<ProcessHandle> servers;
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults(dir.resolve("kubeconfig"))
                .withKube(SandboxOptions.Kube.REAL), log::add)) {
            servers = serverProcesses();
            assertThat(servers).hasSize(2);
            assertThat(sandbox.kubeApi().url().getScheme()).isEqualTo("https");
            assertThat(sandbox.kubeApi().url().getHost()).isEqualTo("127.0.0.1");
            assertThat(log).anySatisfy(line -> assertThat(line).contains("kube-apiserver v1.37.2"));

            Manifests.Applied applied = sandbox.apply(Path.of(Examples.HELLO_WORLD)).get(0);
            Convergence.Outcome outcome = sandbox.awaitConverged(applied, CONVERGE);
            assertThat(outcome.isReady()).as(outcome.explanation()).isTrue();
            GreetingProbe.Answer me = sandbox.greet(outcome, "me");
            assertThat(me.body()).as(me.toString()).contains("Hello, me!");

            // Applied again with another stage: merged into the stored object, the finalizer kept.
            Path changed = dir.resolve("hello-prod.yaml");
            Files.writeString(changed, Files.readString(Path.of(Examples.HELLO_WORLD)).replace("stage: test", "stage: prod"));
            assertThat(sandbox.apply(changed)).singleElement().satisfies(a -> assertThat(a.created()).isFalse());
            GreetingApi stored = sandbox.client().resources(GreetingApi.class).inNamespace("default").withName("hello-world").get();
            assertThat(stored.getMetadata().getFinalizers()).isNotEmpty();
            assertThat(sandbox.awaitConverged(applied, CONVERGE).invokeUrl()).endsWith("/prod/greeting");

            Kubectl kubectl = new Kubectl(Kubectl.find().orElseThrow(), sandbox.kubeconfig(), dir, Duration.ofSeconds(30));
            Kubectl.Result get = kubectl.run("get", "gapi", "hello-world");
            assertThat(get.exit()).as(get.all()).isZero();
            assertThat(get.out()).contains("READY").contains("URL").contains("True");
        }
        assertThat(servers).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void theCommandWithKubeRealPrintsTheRealServerAndTheGreeting() {
        RealKube.binaries();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new SandboxCommand(Map.of(), Path.of(""))).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("--kubeconfig", dir.resolve("kubeconfig").toString(), "--kube", "real", "--once");

        assertThat(exit).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("Kubernetes API  https://127.0.0.1:").contains("kube-apiserver v1.37.2")
                .contains("default/hello-world: Ready=True Deployed").contains("Hello, me!");
        assertThat(serverProcesses()).isEmpty();
    }

    @Test
    void anUnknownKubeIsRefused() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new SandboxCommand(Map.of(), Path.of(""))).setErr(new PrintWriter(err, true))
                .execute("--kube", "kind", "--once");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("'kind' is not embedded or real");
    }

    /** This JVM's etcd and kube-apiserver processes. */
    private List<ProcessHandle> serverProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/etcd") || c.endsWith("/kube-apiserver")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dir.toString())).orElse(false))
                .toList();
    }
}
