package dev.greeting.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code aws} command line against an endpoint, as a user would type it, with
 * static test credentials and no user configuration. Prefers Debian's /usr/bin/aws (what CI
 * installs), else the first {@code aws} on PATH.
 */
public final class AwsCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String executable;
    private final URI endpoint;
    private final Path home;

    public record Result(int exitCode, String stdout, String stderr) {
        public JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("aws printed no JSON: " + stdout + stderr, e);
            }
        }
    }

    private AwsCli(String executable, URI endpoint, Path home) {
        this.executable = executable;
        this.endpoint = endpoint;
        this.home = home;
    }

    /** The CLI if one is installed. */
    public static Optional<AwsCli> find(URI endpoint) {
        Optional<String> exe = locate();
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AwsCli(exe.get(), endpoint, Files.createTempDirectory("aws-cli-home")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> locate() {
        if (new File("/usr/bin/aws").canExecute()) {
            return Optional.of("/usr/bin/aws");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "aws");
            if (candidate.canExecute()) {
                return Optional.of(candidate.getPath());
            }
        }
        return Optional.empty();
    }

    public String executable() {
        return executable;
    }

    /** Runs {@code aws <args> --endpoint-url <endpoint>} and waits for it (bounded). */
    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        command.add("--endpoint-url");
        command.add(endpoint.toString());
        command.add("--output");
        command.add("json");
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-west-2");
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("HOME", home.toString());
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process process = pb.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command that must succeed and returns its JSON output (empty object for no output). */
    public JsonNode ok(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("aws " + String.join(" ", args) + " failed (" + r.exitCode() + "): " + r.stderr());
        }
        return r.stdout().isBlank() ? JSON.createObjectNode() : r.json();
    }
}
