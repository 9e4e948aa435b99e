package dev.greeting.sandbox.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What the sandbox needs of a Kubernetes API, served by the embedded {@link KubeApiServer} (the
 * default) and by the real kube-apiserver of {@code sandbox.realkube} ({@code sandbox --kube real}).
 */
public interface KubeApi extends AutoCloseable {
    URI url();

    /** Writes a kubeconfig for kubectl whose current context (namespace default) points at this server. */
    Path writeKubeconfig(Path file);

    /** A new client (namespace default); the caller closes it. */
    KubernetesClient newClient();

    /** Installs the CustomResourceDefinitions of a YAML stream; returns their names. */
    List<String> installCrds(InputStream yaml);

    /** What this server is, for the sandbox's first line. */
    String description();

    @Override
    void close();
}
