package dev.greeting.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.EmulatorOptions;
import dev.greeting.model.GreetingApi;
import dev.greeting.sandbox.kube.KubeApi;
import dev.greeting.sandbox.kube.KubeApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's class-data archive, on the shaded jar (after {@code package}): trained as the
 * Dockerfile does, it is what a later start of {@code run} maps its classes from, on a Kubernetes
 * API other than the training's. Counts classes, never times.
 */
class ClassArchiveIT {
    private static final Path JAR = Path.of(System.getProperty("greeting.jar", "target/greeting-operator.jar"));

    @Test
    void aStartMapsMostOfItsClassesFromTheTrainedArchive(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the shaded jar (mvn package)").isRegularFile();
        String classPath = JAR.toAbsolutePath().toString();
        Path archive = ClassArchive.train(classPath, dir.resolve("greeting-operator.jsa"), dir.resolve("training"));
        assertThat(Files.size(archive)).isPositive();

        Path classLog = dir.resolve("class-load.log");
        List<String> flags = new ArrayList<>(ClassArchive.useFlags(archive)); // -Xshare:on: no start without it
        flags.add("-Xlog:class+load=info:file=" + classLog);
        try (Emulator emulator = Emulator.start(EmulatorOptions.defaults().withPort(0));
             KubeApi kube = KubeApiServer.start(0)) {
            try (InputStream crd = ClassArchiveIT.class.getResourceAsStream("/META-INF/fabric8/" + GreetingApi.CRD_NAME + "-v1.yml")) {
                kube.installCrds(crd);
            }
            Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));
            try (OperatorProcess operator = OperatorProcess.launch(classPath, flags, kubeconfig, emulator.endpoint(),
                    Bench.REGION, Map.of(), List.of("--namespace=default"), dir.resolve("operator.log"))) {
                operator.awaitReady(Duration.ofMinutes(2));
            }
        }
        long fromArchive = count(classLog, "source: shared objects file (top)");
        long fromJar = count(classLog, "source: file:" + classPath);
        assertThat(fromArchive).as("classes mapped from the archive (%d read from the jar)", fromJar)
            .isGreaterThan(3000).isGreaterThan(10 * fromJar);
        assertThat(Files.readString(dir.resolve("operator.log"))).doesNotContain("Unable to use shared archive");
    }

    private static long count(Path log, String marker) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(marker)).count();
        }
    }
}
