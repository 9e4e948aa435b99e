package dev.greeting.emulator.control;

import dev.greeting.emulator.http.AwsException;

/**
 * One drawn fault. {@link #refused()}: answer {@code error} instead of applying the call. Otherwise
 * the call is applied and its answer lost: {@code error} is answered in place of the handler's
 * response, or, when {@code error} is null, the connection is closed without an answer.
 */
public record InjectedFault(Kind kind, AwsException error) {
    /** The kinds, as counted in {@link CallCounters#faultKindSnapshot()}. */
    public enum Kind {
        SERVER_ERROR("5xx"), THROTTLED("429"), APPLIED_SERVER_ERROR("applied+5xx"), APPLIED_DROPPED("applied+dropped"),
        LATENCY("latency");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean refused() {
        return kind == Kind.SERVER_ERROR || kind == Kind.THROTTLED;
    }

    /** Thrown by the emulator's dispatch so that the connection is closed with no answer. */
    public static final class DroppedAnswer extends RuntimeException {
        public DroppedAnswer(String operation) {
            super("Injected fault: " + operation + " applied, answer dropped", null, false, false);
        }
    }
}
