package dev.greeting.bench;

import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.EmulatorOptions;
import dev.greeting.model.GreetingApi;
import dev.greeting.sandbox.kube.KubeApi;
import dev.greeting.sandbox.kube.KubeApiServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The class-data-sharing archive the image ships (Dockerfile's {@code class-archive} step). A
 * training JVM runs {@code greeting-operator run} against an embedded Kubernetes API and the
 * emulator, here on loopback, until /readyz answers, and exits with
 * {@code -XX:ArchiveClassesAtExit}: the ~4300 classes the operator loads from the jar to start
 * (JOSDK, fabric8, the AWS SDK, Netty, Jackson) are then mapped from the archive instead of being
 * read, parsed and verified from the jar at every start. Only the start is trained, not the sandbox's
 * emulator or a reconcile: JDK 17 relocates the whole archive at mapping, so every archived
 * class costs resident memory whether used or not. The bench trains the same way, so that its
 * start-to-ready figure is the image's. The JVM archives classes from jar files only: a class
 * path with directories (the test class path) gets none.
 */
public final class ClassArchive {
    private static final Duration TRAINING_READY_TIMEOUT = Duration.ofMinutes(2);
    private static final String CRD = "/META-INF/fabric8/" + GreetingApi.CRD_NAME + "-v1.yml";

    private ClassArchive() {
    }

    /** The JVM flags that map {@code archive}; -Xshare:on fails the start rather than silently run without it. */
    public static List<String> useFlags(Path archive) {
        return List.of("-XX:SharedArchiveFile=" + archive.toAbsolutePath(), "-Xshare:on");
    }

    /** Whether the JVM can archive the application classes of {@code classPath}: one jar, no directory. */
    public static boolean archivable(String classPath) {
        return !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar");
    }

    /**
     * Writes the archive of {@code classPath} (one jar) to {@code archive}; the training's scratch
     * files (kubeconfig, the operator's log) go to {@code workDir}.
     */
    public static Path train(String classPath, Path archive, Path workDir) {
        if (!archivable(classPath)) {
            throw new IllegalArgumentException("the class path is not one jar (the JVM archives classes from jars only): "
                    + classPath);
        }
        Path target = archive.toAbsolutePath();
        try {
            Files.createDirectories(workDir);
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.deleteIfExists(target);
            try (Emulator emulator = Emulator.start(EmulatorOptions.defaults().withPort(0));
                 KubeApi kube = KubeApiServer.start(0)) {
                try (InputStream crd = ClassArchive.class.getResourceAsStream(CRD)) {
                    if (crd == null) {
                        throw new IllegalStateException("the CRD " + CRD + " is not on the classpath (run mvn package)");
                    }
                    kube.installCrds(crd);
                }
                Path kubeconfig = kube.writeKubeconfig(workDir.resolve("kubeconfig")).toAbsolutePath();
                Path log = workDir.resolve("operator.log");
                // Picocli's Java 5 class files cannot be archived: a warning each, noise here.
                List<String> dump = List.of("-XX:ArchiveClassesAtExit=" + target, "-Xlog:cds=error");
                try (OperatorProcess operator = OperatorProcess.launch(classPath, dump, kubeconfig, emulator.endpoint(),
                        Bench.REGION, Map.of(), List.of("--namespace=default"), log)) {
                    operator.awaitReady(TRAINING_READY_TIMEOUT);
                    // close(): SIGTERM, the JVM's orderly exit, which writes the archive.
                }
                if (!Files.isRegularFile(target) || Files.size(target) == 0) {
                    throw new IllegalStateException("the training JVM wrote no archive; see " + log);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the class-archive training failed: " + e, e);
        }
    }
}
