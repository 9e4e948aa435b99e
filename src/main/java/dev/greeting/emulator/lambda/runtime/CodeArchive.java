package dev.greeting.emulator.lambda.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A deployment package: unpacked into a directory (Lambda's /var/task) and fingerprinted. */
final class CodeArchive {
    private CodeArchive() {}

    /** Extracts every entry under {@code target}; entries escaping it (zip slip) are refused. */
    static void extract(byte[] zip, Path target) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            Files.createDirectories(target);
            Path root = target.toAbsolutePath().normalize();
            int entries = 0;
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries++;
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IllegalArgumentException("zip entry outside the code directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    copy(in, out);
                }
            }
            if (entries == 0) {
                throw new IllegalArgumentException("the deployment package is not a zip file or is empty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unzip the deployment package", e);
        }
    }

    private static void copy(InputStream in, Path out) throws IOException {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Lambda's CodeSha256: base64 of the package's SHA-256. */
    static String sha256Base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(digest(bytes));
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp directory left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
