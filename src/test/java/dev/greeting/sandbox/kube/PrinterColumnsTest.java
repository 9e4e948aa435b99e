package dev.greeting.sandbox.kube;

import dev.greeting.testsupport.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** {@link PrinterColumnsScenario} on the embedded API server: its TableConverter passes each column's priority on. */
class PrinterColumnsTest extends PrinterColumnsScenario {
    private static KubeApiServer api;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Kubectl.find().isPresent(), "kubectl not found: install it to run the kubectl tests");
        api = KubeApiServer.start();
        api.installCrds(KubeApiServerTest.CRD);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Override
    KubeApi api() {
        return api;
    }

    @Override
    String namespace() {
        return "default";
    }
}
