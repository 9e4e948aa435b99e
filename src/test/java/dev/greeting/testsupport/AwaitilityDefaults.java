package dev.greeting.testsupport;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Awaitility, by default, fails whatever await is running when any thread of the JVM throws:
 * JOSDK's timer threads of an operator being stopped (a crash in a test) then fail an unrelated
 * wait. Waits assert on the state they poll, so other threads' exceptions are left to their logs.
 * Registered for every test class through JUnit's extension auto-detection.
 */
public final class AwaitilityDefaults implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }
}
