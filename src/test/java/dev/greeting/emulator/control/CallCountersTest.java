package dev.greeting.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CallCountersTest {
    private final CallCounters counters = new CallCounters();

    @Test
    void countsCallsThrottlesAndFaultsPerOperation() {
        counters.recordCall("CreateRestApi");
        counters.recordCall("CreateRestApi");
        counters.recordCall("GetResources");
        counters.recordThrottled("CreateRestApi");
        counters.recordFault("GetResources");

        assertThat(counters.calls("CreateRestApi")).isEqualTo(2);
        assertThat(counters.calls("CreateRestApi", "GetResources", "Unknown")).isEqualTo(3);
        assertThat(counters.totalCalls()).isEqualTo(3);
        assertThat(counters.throttled("CreateRestApi")).isEqualTo(1);
        assertThat(counters.faulted("GetResources")).isEqualTo(1);
        assertThat(counters.callSnapshot()).containsExactly(
                java.util.Map.entry("CreateRestApi", 2L), java.util.Map.entry("GetResources", 1L));
    }

    @Test
    void resetForgetsEverything() {
        counters.recordCall("CreateRestApi");
        counters.recordThrottled("CreateRestApi");
        counters.recordFault("CreateRestApi");

        counters.reset();

        assertThat(counters.totalCalls()).isZero();
        assertThat(counters.throttledSnapshot()).isEmpty();
        assertThat(counters.faultedSnapshot()).isEmpty();
    }

    @Test
    void concurrentCallsAreAllCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        counters.recordCall(i % 2 == 0 ? "GetRestApi" : "GetStage");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(counters.calls("GetRestApi")).isEqualTo(20_000);
        assertThat(counters.totalCalls()).isEqualTo(40_000);
    }
}
