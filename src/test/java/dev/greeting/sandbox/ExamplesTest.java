package dev.greeting.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples the sandbox runs: a clone's own, else the copies the build packs into the jar. */
class ExamplesTest {

    @Test
    void theBuildPackagesTheExamplesAsTheyAreInTheClone() throws IOException {
        for (String example : List.of(Examples.HELLO_WORLD, Examples.HELLO_WORLD_FUNCTION)) {
            Path local = Path.of(example);
            Path packaged = Examples.packaged(example).orElseThrow(() -> new AssertionError(example + " is not packaged"));
            assertThat(files(packaged)).as(example).isEqualTo(files(local));
            for (String file : files(local)) {
                assertThat(Files.readString(packaged.resolve(file))).as(file).isEqualTo(Files.readString(local.resolve(file)));
            }
        }
    }

    @Test
    void aClonesExamplesWinOverThePackagedOnes() {
        assertThat(Examples.find(Path.of(""), Examples.HELLO_WORLD)).contains(Path.of(Examples.HELLO_WORLD));
        assertThat(Examples.describe(Path.of(Examples.HELLO_WORLD))).isEqualTo(Examples.HELLO_WORLD);
    }

    @Test
    void outsideACloneThePackagedExamplesAreUsed(@TempDir Path elsewhere) {
        Path found = Examples.find(elsewhere, Examples.HELLO_WORLD).orElseThrow();

        assertThat(found).isEqualTo(Examples.packaged(Examples.HELLO_WORLD).orElseThrow());
        assertThat(Manifests.read(found)).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("GreetingApi"));
    }

    /** Run from the jar, the example is a zip entry: the sandbox names a copy on disk in its kubectl hint. */
    @Test
    void aPackagedExampleIsCopiedToDiskForTheCommandsTheSandboxPrints(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("examples.jar");
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar, java.util.Map.of("create", "true"))) {
            Path packaged = zip.getPath("/dev/greeting/sandbox/examples/hello-world.yaml");
            Files.createDirectories(packaged.getParent());
            Files.writeString(packaged, Files.readString(Path.of(Examples.HELLO_WORLD)));

            Path onDisk = Examples.onDisk(packaged, dir.resolve("sandbox"));

            assertThat(onDisk).isEqualTo(dir.resolve("sandbox/hello-world.yaml"));
            assertThat(Files.readString(onDisk)).isEqualTo(Files.readString(Path.of(Examples.HELLO_WORLD)));
        }
        assertThat(Examples.onDisk(Path.of(Examples.HELLO_WORLD), dir)).isEqualTo(Path.of(Examples.HELLO_WORLD));
    }

    @Test
    void theFunctionZipHoldsTheDirectorysFilesByRelativePath(@TempDir Path function) throws IOException {
        Files.writeString(function.resolve("index.js"), "exports.handler = async () => 'hi';");
        Files.createDirectories(function.resolve("lib"));
        Files.writeString(function.resolve("lib/util.js"), "module.exports = {};");

        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(SampleFunction.zip(function)))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName() + "=" + new String(zip.readAllBytes()));
            }
        }

        assertThat(entries).containsExactly("index.js=exports.handler = async () => 'hi';", "lib/util.js=module.exports = {};");
    }

    private static List<String> files(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of("");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
