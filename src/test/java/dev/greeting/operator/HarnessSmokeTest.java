package dev.greeting.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.model.GreetingApi;
import org.junit.jupiter.api.Test;

class HarnessSmokeTest {
    @Test
    void operatorReportsAnUnusableSpec() {
        try (OperatorHarness h = OperatorHarness.start()) {
            h.create(OperatorHarness.greetingApi("bad", OperatorHarness.functionArn("F"), s -> s.setGreeterParameter("x'y")));
            var c = h.awaitNotReady("bad", "InvalidSpec");
            assertThat(c.getMessage()).contains("greeterParameter");
            GreetingApi r = h.get("bad");
            assertThat(r.getMetadata().getFinalizers()).isNotEmpty();
            assertThat(h.eventReasons("bad")).contains("InvalidSpec");
            assertThat(h.emulator.counters().totalCalls()).isZero();
        }
    }
}
