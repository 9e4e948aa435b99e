package dev.greeting.emulator.lambda.runtime;

/** The function cannot be run here at all: no {@code node} executable, or a runtime other than Node.js. */
public final class RuntimeUnavailableException extends RuntimeException {
    private final boolean unsupportedRuntime;

    private RuntimeUnavailableException(String message, Throwable cause, boolean unsupportedRuntime) {
        super(message, cause);
        this.unsupportedRuntime = unsupportedRuntime;
    }

    static RuntimeUnavailableException nodeMissing(String message, Throwable cause) {
        return new RuntimeUnavailableException(message, cause, false);
    }

    static RuntimeUnavailableException unsupportedRuntime(String runtime) {
        return new RuntimeUnavailableException("the emulator runs Node.js functions only, not " + runtime, null, true);
    }

    /** True when the function's runtime is not Node.js (Lambda's InvalidRuntimeException), false when node is missing. */
    public boolean unsupportedRuntime() {
        return unsupportedRuntime;
    }
}
