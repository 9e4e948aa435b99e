package dev.greeting.sandbox.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * A kubeconfig with one context: the embedded server's (plain HTTP on loopback, no credentials) or
 * the real test-bed server's (its CA and a bearer token).
 */
public final class Kubeconfig {
    static final String CONTEXT = "greeting-sandbox";

    private Kubeconfig() {
    }

    /** {@code caPem} and {@code token} may be null (plain HTTP, anonymous). */
    static String render(URI server, String namespace, String caPem, String token) {
        String ca = caPem == null ? "" : "\n    certificate-authority-data: "
                + Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
        String user = token == null ? " {}" : "\n    token: " + token;
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s%4$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: %3$s
                current-context: %1$s
                users:
                - name: %1$s
                  user:%5$s
                preferences: {}
                """.formatted(CONTEXT, server.toString().replaceAll("/+$", ""), namespace, ca, user);
    }

    static Path write(Path file, URI server, String namespace) {
        return write(file, server, namespace, null, null);
    }

    /** Writes it readable by its owner only when it holds a token. */
    public static Path write(Path file, URI server, String namespace, String caPem, String token) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(server, namespace, caPem, token));
            if (token != null) {
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // Not a POSIX file system: the file keeps its default permissions.
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }
}
