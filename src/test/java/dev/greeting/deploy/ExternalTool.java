package dev.greeting.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A command-line program the deploy tests run for real (kubectl, lua5.1). Where it is not
 * installed, the test is skipped with a message naming the Debian package that provides it,
 * never silently passed.
 */
final class ExternalTool {
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    /** The first of the candidates that exists, else the name looked up on PATH. */
    static Optional<ExternalTool> find(String name, String... candidates) {
        List<Path> places = new ArrayList<>();
        for (String candidate : candidates) {
            places.add(Path.of(candidate));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                places.add(Path.of(dir, name));
            }
        }
        return places.stream().filter(Files::isExecutable).findFirst().map(ExternalTool::new);
    }

    /** The tool, or the test is aborted (reported as skipped) with the reason. */
    static ExternalTool require(String name, String debianPackage, String... candidates) {
        Optional<ExternalTool> tool = find(name, candidates);
        if (tool.isEmpty()) {
            String message = "SKIPPED: " + name + " is not installed (apt-get install " + debianPackage
                + "); CI installs it, this machine does not have it";
            System.err.println(message);
            Assumptions.abort(message);
        }
        return tool.get();
    }

    Path executable() {
        return executable;
    }

    Result run(List<String> args, String stdin, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(command, process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Result run(String... args) {
        return run(List.of(args), null, Map.of());
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** stdout, or an AssertionError that shows what the tool said. */
        String successOutput() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode
                    + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return stdout;
        }
    }
}
