package dev.greeting.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.cli.RunCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** deploy/deployment.yaml's container args are a valid {@code run} command line, as the operator parses it. */
class DeploymentArgsTest {

    @Test
    void deploymentArgsParseAsTheRunCommand() {
        JsonNode deployment = Manifests.readYaml(ProjectFiles.deploy().resolve("deployment.yaml"));
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        assertThat(args.get(0)).isEqualTo("run");

        CommandLine.ParseResult parsed = new CommandLine(new RunCommand())
                .parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        assertThat(parsed.unmatched()).isEmpty();
        assertThat(parsed.hasMatchedOption("--leader-election")).isTrue();
        int port = parsed.matchedOptionValue("--metrics-port", -1);
        assertThat(port).isEqualTo(container.path("ports").get(0).path("containerPort").asInt());
        // The probes and the metrics Service use that port.
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
    }
}
