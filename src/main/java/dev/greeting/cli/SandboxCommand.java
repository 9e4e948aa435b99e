package dev.greeting.cli;

import dev.greeting.emulator.lambda.runtime.RuntimeOptions;
import dev.greeting.sandbox.Convergence;
import dev.greeting.sandbox.Examples;
import dev.greeting.sandbox.GreetingProbe;
import dev.greeting.sandbox.Manifests;
import dev.greeting.sandbox.NodeCheck;
import dev.greeting.sandbox.ProgressReporter;
import dev.greeting.sandbox.Sandbox;
import dev.greeting.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox}: the whole flow on one machine, no AWS account and no cluster. Starts a
 * {@link Sandbox}, applies the example (or the given manifests), shows the GreetingApis converge,
 * calls each invoke URL, then exits ({@code --once}) or keeps serving for curl and kubectl.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run everything on 127.0.0.1: a Kubernetes API (kubectl works against it), the AWS emulator, "
                + "the sample HelloWorld function and the operator; apply examples/hello-world.yaml (or -f MANIFEST), "
                + "show it converge and call its invoke URL.",
                "Without --once it keeps serving until Ctrl-C. AWS_ENDPOINT_URL, when set, is used instead of the "
                        + "embedded emulator (credentials test/test)."})
public final class SandboxCommand implements Callable<Integer> {
    /** How long the progress lines may lag behind the outcome before the summary is printed anyway. */
    private static final Duration REPORT_LAG = Duration.ofSeconds(2);
    static final String VERBOSE_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    @Option(names = "--once", description = "Exit after the resources converged and answered (non-zero if anything failed).")
    boolean once;

    @Option(names = {"-f", "--filename"}, paramLabel = "MANIFEST",
            description = "Manifest to apply instead of examples/hello-world.yaml; repeatable.")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--port-kube", defaultValue = "0",
            description = "Port of the Kubernetes API on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kubePort;

    @Option(names = "--port-aws", defaultValue = "0",
            description = "Port of the AWS emulator on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int awsPort;

    @Option(names = "--region", defaultValue = SandboxOptions.DEFAULT_REGION,
            description = "Region of the REST APIs (default: ${DEFAULT-VALUE}; the function lives in us-east-1).")
    String region;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Where to write the kubeconfig (default: target/sandbox/kubeconfig when ./target exists, "
                    + "else a new temporary directory).")
    Path kubeconfig;

    @Option(names = "--timeout", defaultValue = "60s", converter = RunCommand.DurationConverter.class,
            description = "How long each GreetingApi may take to become Ready (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--kube", defaultValue = "embedded", paramLabel = "embedded|real",
            converter = KubeConverter.class,
            description = "Which Kubernetes API to run: embedded (in-process, the default) or real (kube-apiserver and "
                    + "etcd built by test-infra/kube/build.sh, built on first use in a clone with Go).")
    SandboxOptions.Kube kube;

    @Option(names = "--verbose", description = "Show the operator's and the emulator's logs (default: warnings only).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Path workingDirectory;

    public SandboxCommand() {
        this(System.getenv(), Path.of(""));
    }

    /** With the environment and working directory given (tests). */
    public SandboxCommand(Map<String, String> env, Path workingDirectory) {
        this.env = env;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public Integer call() throws IOException {
        if (!verbose && System.getProperty(VERBOSE_PROPERTY) == null) {
            // Before the first logger exists: the sandbox's own lines are the story; logs would bury them.
            System.setProperty(VERBOSE_PROPERTY, "warn");
            // fabric8 warns that v1alpha1 is not a stable version: true, and nothing the user can act on.
            System.setProperty("org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils",
                    "error");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> failures = new ArrayList<>();

        List<Path> toApply = manifestsToApply(err);
        if (toApply == null) {
            return 1;
        }
        URI endpoint = awsEndpoint();
        String nodeProblem = endpoint == null ? nodeProblem() : null; // an external endpoint runs its own functions
        if (nodeProblem != null) {
            if (once) {
                err.println("FAILED: " + nodeProblem);
                err.flush();
                return 1;
            }
            err.println("warning: " + nodeProblem + ". The APIs will be built but cannot answer.");
        }

        out.println("Starting the sandbox (everything on 127.0.0.1)");
        out.flush();
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options(endpoint), line -> say(out, "  " + line));
        } catch (RuntimeException e) {
            err.println("FAILED: the sandbox did not start: " + e.getMessage());
            err.flush();
            return 1;
        }
        Thread hook = new Thread(() -> {
            say(out, "Stopping the sandbox");
            stop(sandbox, null);
        }, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressReporter reporter = ProgressReporter.start(sandbox.client(), line -> say(out, "  " + line));
        List<String> invokeUrls = new ArrayList<>();
        try {
            for (Path manifest : toApply) {
                applyAndCheck(sandbox, reporter, manifest, out, failures, invokeUrls);
            }
            report(out, err, failures);
            if (once) {
                return failures.isEmpty() ? 0 : 1;
            }
            printHowToContinue(out, sandbox, invokeUrls, toApply);
            serveUntilStopped();
            return 0;
        } finally {
            stop(sandbox, reporter);
            removeHook(hook);
        }
    }

    /** Applies one manifest, waits for its GreetingApis and calls them; what went wrong goes to {@code failures}. */
    private void applyAndCheck(Sandbox sandbox, ProgressReporter reporter, Path manifest, PrintWriter out,
                               List<String> failures, List<String> invokeUrls) {
        say(out, "Applying " + Examples.describe(manifest));
        List<Manifests.Applied> applied;
        try {
            applied = sandbox.apply(manifest);
        } catch (Manifests.RefusedException | IllegalArgumentException | UncheckedIOException e) {
            say(out, "  " + e.getMessage());
            failures.add(manifest + ": " + e.getMessage());
            return;
        }
        for (Manifests.Applied object : applied) {
            say(out, "  " + object + (object.created() ? " created" : " configured"));
        }
        for (Manifests.Applied object : applied) {
            if (!object.isGreetingApi()) {
                continue;
            }
            Convergence.Outcome outcome = sandbox.awaitConverged(object, timeout);
            if (outcome.resource() != null) {
                reporter.awaitReported(outcome.resource(), REPORT_LAG);
            }
            String who = object.namespace() + "/" + object.name();
            if (!outcome.isReady()) {
                say(out, who + " is not Ready: " + outcome.explanation());
                failures.add(who + ": " + outcome.explanation());
                continue;
            }
            say(out, who + " is Ready: " + outcome.invokeUrl());
            invokeUrls.add(outcome.invokeUrl());
            for (String greeter : List.of("me", "")) {
                GreetingProbe.Answer answer = sandbox.greet(outcome, greeter);
                say(out, "  GET " + answer.uri() + "  ->  " + answer);
                if (!answer.ok()) {
                    failures.add(who + ": GET " + answer.uri() + " answered " + answer);
                }
            }
        }
    }

    private List<Path> manifestsToApply(PrintWriter err) {
        if (manifests.isEmpty()) {
            return Examples.find(workingDirectory, Examples.HELLO_WORLD).map(List::of).orElseGet(() -> {
                err.println("FAILED: no " + Examples.HELLO_WORLD + " here and none packaged in the jar; give -f MANIFEST");
                err.flush();
                return null;
            });
        }
        List<Path> resolved = new ArrayList<>();
        for (Path manifest : manifests) {
            Path file = workingDirectory.resolve(manifest);
            if (!Files.isRegularFile(file)) {
                err.println("FAILED: no manifest " + file);
                err.flush();
                return null;
            }
            resolved.add(file);
        }
        return resolved;
    }

    private SandboxOptions options(URI endpoint) throws IOException {
        return SandboxOptions.defaults(kubeconfigPath()).withPorts(kubePort, awsPort).withAwsEndpoint(endpoint)
                .withRegion(region).withWorkingDirectory(workingDirectory).withKube(kube);
    }

    /** {@code embedded} or {@code real}, case-insensitively. */
    static final class KubeConverter implements picocli.CommandLine.ITypeConverter<SandboxOptions.Kube> {
        @Override
        public SandboxOptions.Kube convert(String value) {
            try {
                return SandboxOptions.Kube.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not embedded or real");
            }
        }
    }

    private Path kubeconfigPath() throws IOException {
        if (kubeconfig != null) {
            return workingDirectory.resolve(kubeconfig);
        }
        Path target = workingDirectory.resolve("target");
        if (Files.isDirectory(target)) {
            return target.resolve("sandbox").resolve("kubeconfig");
        }
        return Files.createTempDirectory("greeting-sandbox").resolve("kubeconfig");
    }

    private URI awsEndpoint() {
        String value = env.get("AWS_ENDPOINT_URL");
        return value == null || value.isBlank() ? null : URI.create(value.trim());
    }

    /** Why the embedded emulator could not run the function, or null: it needs a {@code node} that runs. */
    private String nodeProblem() {
        String node = System.getProperty(RuntimeOptions.NODE_PROPERTY);
        if (node == null || node.isBlank()) {
            node = env.get(RuntimeOptions.NODE_ENV);
        }
        node = node == null || node.isBlank() ? "node" : node;
        return NodeCheck.version(node) != null ? null : "node not found (tried '" + node + "'): the HelloWorld "
                + "function runs with Node.js; install Node.js 20 or set " + RuntimeOptions.NODE_ENV + " to the node executable";
    }

    private static void report(PrintWriter out, PrintWriter err, List<String> failures) {
        if (failures.isEmpty()) {
            say(out, "All GreetingApis are Ready and answer.");
            return;
        }
        for (String failure : failures) {
            err.println("FAILED: " + failure);
        }
        err.flush();
    }

    private static void printHowToContinue(PrintWriter out, Sandbox sandbox, List<String> invokeUrls, List<Path> applied) {
        String kubectl = "kubectl --kubeconfig " + sandbox.kubeconfig();
        out.println();
        out.println("The sandbox is serving. Try:");
        for (String url : invokeUrls) {
            out.println("  curl '" + url + "?greeter=me'");
        }
        out.println("  " + kubectl + " get gapi");
        out.println("  " + kubectl + " get gapi -o yaml");
        out.println("  " + kubectl + " describe gapi");
        Path manifest = Examples.onDisk(applied.get(0), sandbox.kubeconfig().getParent());
        out.println("  " + kubectl + " apply -f " + manifest + "   # after changing metadata.name and spec.path");
        out.println("  " + kubectl + " wait --for=condition=Ready gapi --all");
        out.println("  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url " + sandbox.awsEndpoint()
                + " --region " + sandbox.options().region() + " apigateway get-rest-apis");
        out.println("Changes to GreetingApis show up below. Ctrl-C stops everything.");
        out.flush();
    }

    /** Until Ctrl-C (the shutdown hook stops the sandbox) or, in-process, until the thread is interrupted. */
    private static void serveUntilStopped() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(Sandbox sandbox, ProgressReporter reporter) {
        if (reporter != null) {
            reporter.close();
        }
        sandbox.close();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it stops the sandbox itself
        }
    }

    private static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
