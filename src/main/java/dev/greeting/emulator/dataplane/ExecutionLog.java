package dev.greeting.emulator.dataplane;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The execution log of one method call, in the form TestInvokeMethod returns it
 * ({@code Thu Oct 19 22:39:25 UTC 2017 : Starting execution for request: ...}).
 */
final class ExecutionLog {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ENGLISH);
    private final StringBuilder text = new StringBuilder();

    ExecutionLog(String requestId) {
        text.append("Execution log for request ").append(requestId).append('\n');
    }

    void add(String line) {
        text.append(STAMP.format(ZonedDateTime.now(ZoneOffset.UTC))).append(" : ").append(line).append('\n');
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
