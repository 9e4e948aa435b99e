package dev.greeting.emulator.lambda.runtime;

import java.time.Duration;

/**
 * How functions are run: which {@code node} executable, and how long a handler module may take to
 * load (Lambda's init phase allows 10 s).
 */
public record RuntimeOptions(String nodeCommand, Duration initTimeout) {
    /** System property naming the node executable; overrides {@link #NODE_ENV}. */
    public static final String NODE_PROPERTY = "greeting.emulator.node";
    /** Environment variable naming the node executable; the default is {@code node} on the PATH. */
    public static final String NODE_ENV = "GREETING_EMULATOR_NODE";

    public RuntimeOptions {
        nodeCommand = nodeCommand == null || nodeCommand.isBlank() ? "node" : nodeCommand;
        initTimeout = initTimeout == null ? Duration.ofSeconds(10) : initTimeout;
    }

    /** {@code node} from the system property, the environment variable, or the PATH. */
    public static RuntimeOptions defaults() {
        String node = System.getProperty(NODE_PROPERTY);
        if (node == null || node.isBlank()) {
            node = System.getenv(NODE_ENV);
        }
        return new RuntimeOptions(node, null);
    }

    public RuntimeOptions withNodeCommand(String command) {
        return new RuntimeOptions(command, initTimeout);
    }
}
