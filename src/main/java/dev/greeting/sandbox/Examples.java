package dev.greeting.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's {@code examples/}: read from the working directory when it is there (so an
 * edited example is what runs), else from the copy the build packages into the jar (pom.xml
 * {@code <resources>}), so the jar works from any directory.
 */
public final class Examples {
    /** The example resource the sandbox applies by default. */
    public static final String HELLO_WORLD = "examples/hello-world.yaml";
    /** The sample function's source directory. */
    public static final String HELLO_WORLD_FUNCTION = "examples/hello-world-function";
    /** Where the build puts the packaged copy of {@code examples/} on the classpath. */
    static final String PACKAGED = "/dev/greeting/sandbox/";

    private Examples() {
    }

    /** The example at {@code relative} ({@code examples/...}): in {@code workingDirectory}, else packaged; empty if neither. */
    public static Optional<Path> find(Path workingDirectory, String relative) {
        Path local = workingDirectory.resolve(relative);
        if (Files.exists(local)) {
            return Optional.of(local);
        }
        return packaged(relative);
    }

    /** How to name where an example came from: its path, or its path "from the jar". */
    public static String describe(Path example) {
        return example.getFileSystem() == FileSystems.getDefault() ? example.toString()
                : example.toString().replaceFirst("^" + PACKAGED, "") + " from the jar";
    }

    /**
     * A path a user can type: the example itself when it is a file, else (packaged in the jar) a
     * copy written to {@code dir}, so that the commands the sandbox prints name a file that exists.
     */
    public static Path onDisk(Path example, Path dir) {
        if (example.getFileSystem() == FileSystems.getDefault()) {
            return example;
        }
        try {
            Files.createDirectories(dir);
            Path copy = dir.resolve(example.getFileName().toString());
            Files.copy(example, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + example + " to " + dir, e);
        }
    }

    /** The copy packaged in the jar (or in target/classes when run from the build). */
    static Optional<Path> packaged(String relative) {
        URL url = Examples.class.getResource(PACKAGED + relative);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return Optional.of(jarFileSystem(uri).provider().getPath(uri));
            }
            return Optional.of(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + uri, e);
        }
    }
}
