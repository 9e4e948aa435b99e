package dev.greeting.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start a {@link Sandbox}.
 *
 * @param kubePort port of the in-process Kubernetes API on 127.0.0.1; 0 picks a free one
 * @param awsPort port of the embedded AWS emulator on 127.0.0.1; 0 picks a free one
 * @param awsEndpoint an AWS endpoint to use instead of the embedded emulator (LocalStack style); null: embedded
 * @param region the operator's default region (where the REST APIs live)
 * @param kubeconfig where to write the kubeconfig for kubectl
 * @param workingDirectory where {@code examples/} is looked up before the copies packaged in the jar
 * @param resync how often the operator checks an unchanged resource against AWS (drift)
 */
public record SandboxOptions(int kubePort, int awsPort, URI awsEndpoint, String region, Path kubeconfig,
                             Path workingDirectory, Duration resync) {
    public static final String DEFAULT_REGION = "us-west-2";
    public static final Duration DEFAULT_RESYNC = Duration.ofSeconds(30);

    /** Free ports, the embedded emulator, us-west-2, the kubeconfig in {@code kubeconfig}. */
    public static SandboxOptions defaults(Path kubeconfig) {
        return new SandboxOptions(0, 0, null, DEFAULT_REGION, kubeconfig, Path.of(""), DEFAULT_RESYNC);
    }

    public SandboxOptions withPorts(int newKubePort, int newAwsPort) {
        return new SandboxOptions(newKubePort, newAwsPort, awsEndpoint, region, kubeconfig, workingDirectory, resync);
    }

    public SandboxOptions withAwsEndpoint(URI endpoint) {
        return new SandboxOptions(kubePort, awsPort, endpoint, region, kubeconfig, workingDirectory, resync);
    }

    public SandboxOptions withRegion(String newRegion) {
        return new SandboxOptions(kubePort, awsPort, awsEndpoint, newRegion, kubeconfig, workingDirectory, resync);
    }

    public SandboxOptions withWorkingDirectory(Path directory) {
        return new SandboxOptions(kubePort, awsPort, awsEndpoint, region, kubeconfig, directory, resync);
    }

    public SandboxOptions withResync(Duration newResync) {
        return new SandboxOptions(kubePort, awsPort, awsEndpoint, region, kubeconfig, workingDirectory, newResync);
    }
}
