package dev.greeting.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the files under test, relative to the project root (Surefire's working directory). */
final class ProjectFiles {
    private ProjectFiles() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path deploy() {
        return root().resolve("deploy");
    }

    static Path argocd() {
        return deploy().resolve("argocd");
    }
}
