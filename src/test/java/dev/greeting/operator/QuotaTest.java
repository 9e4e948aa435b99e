package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.aws.QuotaPolicy;
import dev.greeting.emulator.EmulatorOptions;
import org.junit.jupiter.api.Test;

/**
 * Many resources at once under AWS's quotas (emulated 10 times faster): the operator schedules
 * its own calls below them, so AWS never has to throttle it, and every resource converges.
 */
class QuotaTest {
    static final double SPEED = 10;

    @Test
    void manyResourcesConvergeWithoutBeingThrottled() {
        // The operator is given the emulated quotas exactly (scaled like the emulator's time); its
        // own headroom (CallScheduler.HEADROOM) and its booking by send time keep it under them.
        try (OperatorHarness h = OperatorHarness.start(EmulatorOptions.defaults().withQuotas("aws", SPEED),
                s -> s.withAws(s.aws().withQuotas(QuotaPolicy.awsDefaults().scaled(SPEED))))) {
            String function = h.createFunction("HelloWorld");
            int n = 8;
            for (int i = 0; i < n; i++) {
                h.create(greetingApi("quota-" + i, function, s -> { }));
            }
            for (int i = 0; i < n; i++) {
                h.awaitReady("quota-" + i);
            }
            System.out.println("calls: " + h.emulator.counters().callSnapshot() + " throttled: "
                    + h.emulator.counters().throttledSnapshot());
            assertThat(h.emulator.counters().throttledSnapshot()).isEmpty();
            assertThat(h.calls("CreateRestApi")).isEqualTo(n);
            assertThat(h.calls("CreateDeployment")).isEqualTo(n);
        }
    }
}
