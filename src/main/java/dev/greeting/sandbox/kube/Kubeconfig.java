package dev.greeting.sandbox.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig with one context for the sandbox API server (plain HTTP on loopback, no credentials). */
final class Kubeconfig {
    static final String CONTEXT = "greeting-sandbox";

    private Kubeconfig() {
    }

    static String render(URI server, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: %3$s
                current-context: %1$s
                users:
                - name: %1$s
                  user: {}
                preferences: {}
                """.formatted(CONTEXT, server.toString().replaceAll("/+$", ""), namespace);
    }

    static Path write(Path file, URI server, String namespace) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(server, namespace));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }
}
