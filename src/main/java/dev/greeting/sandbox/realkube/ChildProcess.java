package dev.greeting.sandbox.realkube;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server program (etcd, kube-apiserver) that never outlives this JVM. It runs under a small bash
 * watchdog holding this JVM's end of a pipe: when the pipe closes, because {@link #close()} closed
 * it or because the JVM died (even by {@code kill -9}), the watchdog stops the program. Output goes
 * to a log file, kept for the test report.
 */
final class ChildProcess implements AutoCloseable {
    /**
     * Runs "$@" in the background (bash gives background jobs /dev/null as stdin, hence the pipe kept
     * as fd 3), stops it (TERM, KILL after 10 s) when stdin reaches EOF, and exits with its status. */
    private static final String WATCHDOG = "exec 3<&0; \"$@\" 3<&- & child=$!; "
            + "(read -r _ <&3; kill -TERM $child 2>/dev/null; "
            + "for i in $(seq 100); do kill -0 $child 2>/dev/null || exit 0; sleep 0.1; done; kill -KILL $child) & "
            + "wait $child";

    private final String name;
    private final Process watchdog;
    private final OutputStream lifeline;
    private final Path log;

    private ChildProcess(String name, Process watchdog, Path log) {
        this.name = name;
        this.watchdog = watchdog;
        this.lifeline = watchdog.getOutputStream();
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Path log) {
        List<String> full = new ArrayList<>(List.of("bash", "-c", WATCHDOG, name));
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    boolean isAlive() {
        return watchdog.isAlive();
    }

    /** Throws with the end of the log when the program has exited. */
    void checkAlive() {
        if (!watchdog.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + watchdog.exitValue() + "; the end of "
                    + log + ":\n" + tail(40));
        }
    }

    Path log() {
        return log;
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Asks the program to stop (SIGTERM through the watchdog) and waits; kills what is left after 15 s. */
    @Override
    public void close() {
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // The watchdog is gone already; the descendants below are killed all the same.
        }
        try {
            if (!watchdog.waitFor(15, TimeUnit.SECONDS)) {
                watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly();
                watchdog.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
        }
    }
}
