package dev.greeting.sandbox;

import dev.greeting.sandbox.kube.KubeApiServer;
import dev.greeting.sandbox.realkube.KubeBinaries;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox's Kubernetes API: the embedded in-process server (the default: nothing to build) or
 * the real kube-apiserver and etcd of the project's test bed ({@code sandbox --kube real}).
 */
public interface SandboxKubeApi extends AutoCloseable {
    URI url();

    /** Writes a kubeconfig for kubectl whose current context points at this server. */
    Path writeKubeconfig(Path file);

    /** A new client (namespace default); the caller closes it. */
    KubernetesClient newClient();

    /** Installs the CustomResourceDefinitions of a YAML stream; returns their names. */
    List<String> installCrds(InputStream yaml);

    /** What this server is, for the sandbox's first line. */
    String description();

    @Override
    void close();

    static SandboxKubeApi embedded(int port) {
        return new Embedded(KubeApiServer.start(port));
    }

    static SandboxKubeApi real(KubeBinaries binaries, Path workDir, int port) {
        return new Real(RealKubeApiServer.start(binaries, workDir, port));
    }

    /** The in-process server of {@code sandbox.kube}. */
    record Embedded(KubeApiServer server) implements SandboxKubeApi {
        @Override
        public URI url() {
            return server.url();
        }

        @Override
        public Path writeKubeconfig(Path file) {
            return server.writeKubeconfig(file);
        }

        @Override
        public KubernetesClient newClient() {
            return server.newClient();
        }

        @Override
        public List<String> installCrds(InputStream yaml) {
            return server.installCrds(yaml);
        }

        @Override
        public String description() {
            return "embedded";
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** etcd and kube-apiserver as child processes. */
    record Real(RealKubeApiServer server) implements SandboxKubeApi {
        @Override
        public URI url() {
            return server.url();
        }

        @Override
        public Path writeKubeconfig(Path file) {
            return server.writeKubeconfig(file);
        }

        @Override
        public KubernetesClient newClient() {
            return server.newClient();
        }

        @Override
        public List<String> installCrds(InputStream yaml) {
            return server.installCrds(yaml);
        }

        @Override
        public String description() {
            return "kube-apiserver " + KubeBinaries.KUBERNETES_VERSION + " and etcd " + KubeBinaries.ETCD_VERSION
                    + ", logs in " + server.workDir();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
