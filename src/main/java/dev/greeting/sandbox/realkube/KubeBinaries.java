package dev.greeting.sandbox.realkube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Kubernetes test bed's programs, built by {@code test-infra/kube/build.sh} from the Go
 * module proxy at the versions pinned in its go.mod files (a test checks these constants against
 * them). They live outside {@code target/}, so a clean build keeps them.
 */
public record KubeBinaries(Path dir) {
    public static final String KUBERNETES_VERSION = "v1.37.2";
    public static final String ETCD_VERSION = "v3.6.16";
    /** Overrides the directory (the build script honours it too). */
    public static final String DIR_VARIABLE = "GREETING_KUBE_BIN_DIR";
    public static final Path BUILD_SCRIPT = Path.of("test-infra", "kube", "build.sh");

    public Path kubeApiServer() {
        return dir.resolve("kube-apiserver");
    }

    public Path etcd() {
        return dir.resolve("etcd");
    }

    public Path kubectl() {
        return dir.resolve("kubectl");
    }

    public boolean complete() {
        return List.of(kubeApiServer(), etcd(), kubectl()).stream().allMatch(Files::isExecutable);
    }

    /** {@code $GREETING_KUBE_BIN_DIR}, else {@code ~/.cache/greeting-operator/kube/<kubernetes>-etcd-<etcd>}. */
    public static Path defaultDir() {
        String override = System.getenv(DIR_VARIABLE);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "greeting-operator", "kube",
                KUBERNETES_VERSION + "-etcd-" + ETCD_VERSION);
    }

    /** The binaries, when all three are built. */
    public static Optional<KubeBinaries> find() {
        KubeBinaries binaries = new KubeBinaries(defaultDir());
        return binaries.complete() ? Optional.of(binaries) : Optional.empty();
    }

    /** Whether the {@code go} command is on the PATH (without it the binaries cannot be built). */
    public static boolean goInstalled() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank() && Files.isExecutable(Path.of(entry, "go"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the build script of a clone (a no-op when the binaries are there), its output into
     * {@code log}, and returns the binaries.
     */
    public static KubeBinaries build(Path cloneRoot, Path log) {
        Path script = cloneRoot.resolve(BUILD_SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no " + BUILD_SCRIPT + " under " + cloneRoot.toAbsolutePath()
                    + ": build the real kube-apiserver from a clone of greeting-operator");
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process build = new ProcessBuilder("bash", script.toString()).directory(cloneRoot.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!build.waitFor(60, TimeUnit.MINUTES)) {
                build.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within 60 minutes; see " + log);
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException(script + " failed (exit " + build.exitValue() + "): "
                        + Files.readString(log).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the test bed", e);
        }
        return find().orElseThrow(() -> new IllegalStateException(script + " ran but " + defaultDir()
                + " lacks kube-apiserver, etcd or kubectl"));
    }
}
