package dev.greeting.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench in small (20 GreetingApis, quota time 20 times faster, the embedded Kubernetes API, the
 * operator as its own process): counts only, never times, so a loaded machine changes nothing here.
 */
class SmallBenchTest {
    static final int N = 20;
    static final double SCALE = 20;

    @Test
    void twentyConvergeUnderTheQuotasWithoutThrottlingAndAreDeletedAgain(@TempDir Path out) throws Exception {
        List<SizeResult> results = Bench.run(BenchOptions.small(N, SCALE, out), System.out::println);
        System.out.println(BenchReport.table(results));
        System.out.println(BenchReport.callsByOperation(results));

        SizeResult r = results.get(0);
        assertThat(r.ready()).as("Ready").isEqualTo(N);
        assertThat(r.stalled()).as("gave up").isZero();
        assertThat(r.createThrottled()).as("throttled while creating").isEmpty();
        assertThat(r.callsPerResource()).as("calls per resource: %s", r.createCalls()).isLessThanOrEqualTo(9);
        assertThat(r.createCalls().get("CreateRestApi")).isEqualTo(N);
        assertThat(r.createCalls().get("CreateDeployment")).isEqualTo(N);
        assertThat(r.steady().writes()).as("writes during a resync sweep").isZero();
        // A resync is exactly these three reads. The sweep is counted from a counter reset until N
        // GetResources, so one resync may straddle its start: its later reads fall inside (N + 1).
        assertThat(r.steady().calls().keySet()).as("reads of a resync").containsExactlyInAnyOrder("GetResources", "GetStages", "GetPolicy");
        assertThat(r.steady().calls().values()).as("reads per operation in a sweep of %d", N).allSatisfy(c -> assertThat(c).isBetween((long) N, N + 1L));
        assertThat(r.leftAfterDelete()).as("left after delete").isZero();
        assertThat(r.deleteThrottled()).as("throttled while deleting").isEmpty();
    }
}
