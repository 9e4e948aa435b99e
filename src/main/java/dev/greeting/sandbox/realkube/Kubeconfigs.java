package dev.greeting.sandbox.realkube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/** A kubeconfig for the real test-bed API server: its CA, a bearer token, one context. */
final class Kubeconfigs {
    static final String CONTEXT = "greeting-real";

    private Kubeconfigs() {
    }

    static String render(URI server, String caPem, String token, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    certificate-authority-data: %3$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: %5$s
                current-context: %1$s
                users:
                - name: %1$s
                  user:
                    token: %4$s
                preferences: {}
                """.formatted(CONTEXT, server, Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)),
                token, namespace);
    }

    /** Writes it readable by the owner only: it holds the admin's token. */
    static Path writeAdmin(Path file, URI server, String caPem, String token) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(server, caPem, token, "default"));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the file keeps its default permissions.
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }
}
