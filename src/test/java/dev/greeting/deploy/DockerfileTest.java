package dev.greeting.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's structure, checked without Docker (none here): a Maven build stage, a
 * JRE-only final stage that runs as an unprivileged user, and the jar and port that
 * deploy/deployment.yaml expects. Also the hadolint rules that apply to this file.
 */
class DockerfileTest {
    private static final Pattern BUILD_TOOLS = Pattern.compile("\\b(mvn|mvnw|gradle|gradlew|javac)\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Dockerfile dockerfile;

    @BeforeAll
    static void parse() throws IOException {
        dockerfile = Dockerfile.parse(Files.readString(ProjectFiles.root().resolve("Dockerfile")));
    }

    @Test
    void buildsWithMavenInItsOwnStage() {
        assertThat(dockerfile.stages()).hasSize(2);
        Dockerfile.Stage build = dockerfile.stages().get(0);
        assertThat(build.image()).isEqualTo("maven:3.9-eclipse-temurin-17");
        assertThat(build.name()).isEqualTo("build");
        assertThat(build.all("RUN")).anyMatch(r -> r.arguments().contains("mvn -B -DskipTests package"));
    }

    @Test
    void dependenciesAreResolvedBeforeTheSourcesAreCopied() {
        Dockerfile.Stage build = dockerfile.stages().get(0);
        List<Dockerfile.Instruction> copies = build.all("COPY");
        Dockerfile.Instruction pomOnly = copies.get(0);
        assertThat(pomOnly.arguments()).startsWith("pom.xml ");
        Dockerfile.Instruction resolve = build.all("RUN").get(0);
        assertThat(resolve.arguments()).contains("dependency:go-offline");
        Dockerfile.Instruction sources = copies.get(1);
        assertThat(build.indexOf(pomOnly)).isLessThan(build.indexOf(resolve));
        assertThat(build.indexOf(resolve)).isLessThan(build.indexOf(sources));
    }

    @Test
    void finalStageIsAJreWithoutBuildTools() {
        Dockerfile.Stage runtime = dockerfile.finalStage();
        assertThat(runtime.image()).matches("eclipse-temurin:17[.0-9_]*-jre.*|gcr\\.io/distroless/java17.*");
        for (Dockerfile.Instruction instruction : runtime.instructions()) {
            assertThat(BUILD_TOOLS.matcher(instruction.arguments()).find())
                .as("build tool in the final stage: %s %s", instruction.keyword(), instruction.arguments()).isFalse();
        }
        List<Dockerfile.Instruction> copies = runtime.all("COPY");
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).arguments())
            .isEqualTo("--from=build /workspace/target/" + finalName() + ".jar /app/greeting-operator.jar");
    }

    @Test
    void theEntrypointMapsTheClassArchiveTrainedOnTheImagesOwnJarAndJvm() {
        Dockerfile.Stage runtime = dockerfile.finalStage();
        Dockerfile.Instruction train = runtime.all("RUN").stream()
            .filter(r -> r.arguments().contains(" class-archive ")).findFirst().orElseThrow();
        assertThat(train.arguments()).contains("-jar /app/greeting-operator.jar class-archive /app/greeting-operator.jsa");
        // After the jar is in place (the archive records its size and time) and as root (/app is not writable after).
        assertThat(runtime.indexOf(train)).isGreaterThan(runtime.indexOf(runtime.all("COPY").get(0)));
        assertThat(runtime.indexOf(train)).isLessThan(runtime.indexOf(runtime.last("USER")));
        assertThat(execForm(runtime.last("ENTRYPOINT"))).contains("-XX:SharedArchiveFile=/app/greeting-operator.jsa");
    }

    @Test
    void runsAsTheNonRootUserTheDeploymentExpects() throws IOException {
        Dockerfile.Stage runtime = dockerfile.finalStage();
        Dockerfile.Instruction user = runtime.last("USER");
        assertThat(user).isNotNull();
        assertThat(user.arguments()).isEqualTo("65532:65532");
        // Nothing after USER may run as root again, and the user is numeric so that
        // Kubernetes' runAsNonRoot can check it without /etc/passwd.
        for (Dockerfile.Instruction i : runtime.instructions().subList(runtime.indexOf(user), runtime.instructions().size())) {
            assertThat(i.keyword()).isNotEqualTo("RUN");
        }
        JsonNode deployment = Manifests.readYaml(ProjectFiles.deploy().resolve("deployment.yaml"));
        assertThat(deployment.path("spec").path("template").path("spec").path("securityContext").path("runAsUser").asInt())
            .isEqualTo(65532);
    }

    @Test
    void entrypointRunsTheJarWithContainerJvmSettings() throws IOException {
        Dockerfile.Stage runtime = dockerfile.finalStage();
        List<String> entrypoint = execForm(runtime.last("ENTRYPOINT"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
            .containsExactly("-jar", "/app/greeting-operator.jar");
        assertThat(execForm(runtime.last("CMD"))).containsExactly("run");
        assertThat(runtime.last("EXPOSE").arguments()).isEqualTo("8080");
    }

    @Test
    void followsTheHadolintRulesThatApply() {
        for (Dockerfile.Stage stage : dockerfile.stages()) {
            // DL3006/DL3007: pinned tags, never latest.
            assertThat(stage.image()).contains(":").doesNotEndWith(":latest");
            for (Dockerfile.Instruction i : stage.instructions()) {
                assertThat(i.keyword()).as("DL3020: COPY, not ADD").isNotEqualTo("ADD");
                assertThat(i.keyword()).as("DL3000/DL3003: WORKDIR, not cd").isNotEqualTo("CD");
                if (i.keyword().equals("RUN")) {
                    assertThat(i.arguments()).as("DL3004: no sudo").doesNotContain("sudo ");
                    assertThat(i.arguments()).as("DL3003: use WORKDIR").doesNotContainPattern("(^|&&|;)\\s*cd ");
                }
            }
        }
        assertThat(dockerfile.stages().get(0).last("WORKDIR").arguments()).startsWith("/");
    }

    @Test
    void dockerignoreSendsOnlyWhatTheBuildNeeds() throws IOException {
        List<String> rules = new ArrayList<>();
        for (String line : Files.readAllLines(ProjectFiles.root().resolve(".dockerignore"))) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                rules.add(line.strip());
            }
        }
        assertThat(rules).containsExactly("*", "!pom.xml", "!src", "!crds");
    }

    private static List<String> execForm(Dockerfile.Instruction instruction) {
        assertThat(instruction).isNotNull();
        try {
            List<String> args = new ArrayList<>();
            JSON.readTree(instruction.arguments()).forEach(a -> args.add(a.asText()));
            return args;
        } catch (IOException e) {
            throw new AssertionError("DL3025: " + instruction.keyword() + " must use the JSON (exec) form", e);
        }
    }

    private static String finalName() {
        try {
            Matcher m = Pattern.compile("<finalName>([^<]+)</finalName>")
                .matcher(Files.readString(ProjectFiles.root().resolve("pom.xml")));
            assertThat(m.find()).as("pom.xml sets build/finalName").isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
