package dev.greeting.operator;

import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.RealKube;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the scenarios a class inherits against the run's real kube-apiserver ({@link RealKube})
 * instead of the CRUD mock: every {@link OperatorHarness} its tests start gets a namespace of its
 * own there ({@link RealServerKube}). One test body per scenario:
 * {@code @OnRealServer class CreateOnRealServerTest extends CreateTest {}}. FailureStatusTest and
 * RetryDelaysTest have no such twin: they call the error classifier and the retry delays directly,
 * without a harness or any Kubernetes API.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag("real-server")
@ExtendWith(RealKube.class)
@ExtendWith(OnRealServer.Switch.class)
@interface OnRealServer {

    /** Switches the harnesses of one test to the real server, and back to the mock after it. */
    final class Switch implements BeforeEachCallback, AfterEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            RealKubeApiServer server = RealKube.server(context);
            String label = context.getRequiredTestClass().getSimpleName().replace("OnRealServerTest", "") + "-"
                    + context.getRequiredTestMethod().getName();
            OperatorHarness.useBackend(() -> RealServerKube.start(server, label));
        }

        @Override
        public void afterEach(ExtensionContext context) {
            OperatorHarness.useBackend(CrudMockKube::start);
        }
    }
}
