package dev.greeting.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against a kubeconfig, each process bounded by a timeout. */
public final class Kubectl {
    private final Path binary;
    private final Path kubeconfig;
    private final Path workDir;
    private final Duration timeout;

    public Kubectl(Path binary, Path kubeconfig, Path workDir, Duration timeout) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.workDir = workDir;
        this.timeout = timeout;
    }

    /** kubectl from $KUBECTL, the real test bed's build (the same release as its kube-apiserver), /usr/bin/kubectl or the PATH. */
    public static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("KUBECTL");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(new dev.greeting.sandbox.realkube.KubeBinaries(
                dev.greeting.sandbox.realkube.KubeBinaries.defaultDir()).kubectl());
        candidates.add(Path.of("/usr/bin/kubectl"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "kubectl"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    public record Result(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    /** A running kubectl (wait, get -w, delete): its output so far, and its end. */
    public final class Running implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final Path err;

        private Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        public String outSoFar() {
            return read(out);
        }

        public Result await() {
            try {
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl did not finish within " + timeout + ": " + read(out) + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Result(process.exitValue(), read(out), read(err));
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    public Result run(String... args) {
        try (Running running = start(args)) {
            return running.await();
        }
    }

    public Running start(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", workDir.resolve("cache").toString(), "--request-timeout", Math.max(1, timeout.toSeconds() * 2 / 3) + "s"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDir, "kubectl", ".out");
            Path err = Files.createTempFile(workDir, "kubectl", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new Running(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
