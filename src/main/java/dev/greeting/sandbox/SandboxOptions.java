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
 * @param kube which Kubernetes API to run
 */
public record SandboxOptions(int kubePort, int awsPort, URI awsEndpoint, String region, Path kubeconfig,
                             Path workingDirectory, Duration resync, Kube kube) {
    public static final String DEFAULT_REGION = "us-west-2";
    public static final Duration DEFAULT_RESYNC = Duration.ofSeconds(30);

    /** The Kubernetes API the sandbox runs. */
    public enum Kube {
        /** In-process, nothing to build: the one-command default. */
        EMBEDDED,
        /** The real kube-apiserver and etcd built by {@code test-infra/kube/build.sh}. */
        REAL
    }

    /** Free ports, the embedded Kubernetes API and emulator, us-west-2, the kubeconfig in {@code kubeconfig}. */
    public static SandboxOptions defaults(Path kubeconfig) {
        return new SandboxOptions(0, 0, null, DEFAULT_REGION, kubeconfig, Path.of(""), DEFAULT_RESYNC, Kube.EMBEDDED);
    }

    public SandboxOptions withKube(Kube newKube) {
        return new SandboxOptions(kubePort, awsPort, awsEndpoint, region, kubeconfig, workingDirectory, resync, newKube);
    }

    public SandboxOptions withPorts(int newKubePort, int newAwsPort) {
        return new SandboxOptions(newKubePort, newAwsPort, awsEndpoint, region, kubeconfig, workingDirectory, resync, kube);
    }

    public SandboxOptions withAwsEndpoint(URI endpoint) {
        return new SandboxOptions(kubePort, awsPort, endpoint, region, kubeconfig, workingDirectory, resync, kube);
    }

    public SandboxOptions withRegion(String newRegion) {
        return new SandboxOptions(kubePort, awsPort, awsEndpoint, newRegion, kubeconfig, workingDirectory, resync, kube);
    }

    public SandboxOptions withWorkingDirectory(Path directory) {
        return new SandboxOptions(kubePort, awsPort, awsEndpoint, region, kubeconfig, directory, resync, kube);
    }

    public SandboxOptions withResync(Duration newResync) {
        return new SandboxOptions(kubePort, awsPort, awsEndpoint, region, kubeconfig, workingDirectory, newResync, kube);
    }
}
