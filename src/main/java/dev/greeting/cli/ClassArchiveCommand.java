package dev.greeting.cli;

import dev.greeting.bench.ClassArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code class-archive FILE}: writes the class-data-sharing archive that lets the operator's JVM
 * start without loading its classes from the jar ({@link ClassArchive}). The image's build runs it
 * once and its ENTRYPOINT passes {@code -XX:SharedArchiveFile=FILE}; an archive that does not match
 * the JVM or the jar is ignored by the JVM, which then starts as without one.
 */
@Command(name = "class-archive", mixinStandardHelpOptions = true, exitCodeOnExecutionException = 1,
        description = {"Write the class-data archive for this jar: a training run of the operator's start against an "
                + "embedded Kubernetes API and AWS emulator (loopback only, about 10 s).",
                "Use it with: java -XX:SharedArchiveFile=FILE -jar greeting-operator.jar run"})
public final class ClassArchiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The archive to write (e.g. greeting-operator.jsa).")
    Path archive;

    @Override
    public Integer call() throws IOException {
        String classPath = System.getProperty("java.class.path");
        if (!ClassArchive.archivable(classPath)) {
            spec.commandLine().getErr().println("class-archive: run it from the jar (java -jar greeting-operator.jar "
                    + "class-archive FILE); the JVM archives classes from one jar only, not from " + classPath);
            return 1;
        }
        Path work = Files.createTempDirectory("greeting-operator-class-archive");
        Path written = ClassArchive.train(classPath, archive, work);
        spec.commandLine().getOut().printf("wrote %s (%d MiB); the training's files are in %s%n", written,
                Files.size(written) >> 20, work);
        return 0;
    }
}
