package dev.greeting.emulator.control;

import static dev.greeting.emulator.lambda.LambdaTestSupport.client;
import static dev.greeting.emulator.lambda.LambdaTestSupport.nodeFunction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.emulator.Emulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Seeded fault injection seen through the SDK: repeatable, and only on the listed operations. */
class FaultInjectionTest {
    private static final String FAULTS = """
            {"errorRate":0.3,"throttleRate":0.3,"latencyMillis":0,"seed":%d,"operations":["GetFunction"]}""";
    private Emulator emulator;
    private AdminClient admin;
    private LambdaClient lambda;

    @BeforeEach
    void start() {
        emulator = Emulator.start();
        admin = new AdminClient(emulator);
        lambda = client(emulator, Region.US_WEST_2);
        lambda.createFunction(nodeFunction("HelloWorld").build());
    }

    @AfterEach
    void stop() {
        lambda.close();
        emulator.close();
    }

    /** The status of each of n GetFunction calls, optionally with a ListFunctions (not faulted) before each. */
    private List<Integer> getFunctionOutcomes(int n, boolean interleaveListFunctions) {
        List<Integer> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (interleaveListFunctions) {
                assertThat(lambda.listFunctions().functions()).hasSize(1);
            }
            try {
                lambda.getFunction(r -> r.functionName("HelloWorld"));
                outcomes.add(200);
            } catch (ServiceException e) {
                outcomes.add(e.statusCode());
            } catch (TooManyRequestsException e) {
                assertThat(e.retryAfterSeconds()).isEqualTo("1");
                outcomes.add(e.statusCode());
            }
        }
        return outcomes;
    }

    @Test
    void theSameSeedAnswersTheSameSequence() {
        admin.put("/_emulator/faults", FAULTS.formatted(42));
        List<Integer> first = getFunctionOutcomes(25, false);
        admin.put("/_emulator/faults", FAULTS.formatted(42));
        List<Integer> second = getFunctionOutcomes(25, false);
        admin.put("/_emulator/faults", FAULTS.formatted(4242));
        List<Integer> otherSeed = getFunctionOutcomes(25, false);

        assertThat(first).contains(200, 500, 429).containsOnly(200, 500, 429);
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void faultsAreCountedAndLimitedToTheListedOperations() {
        admin.put("/_emulator/faults", FAULTS.formatted(7));

        List<Integer> outcomes = getFunctionOutcomes(30, true);

        long failed = outcomes.stream().filter(s -> s != 200).count();
        assertThat(failed).isPositive();
        assertThat(emulator.counters().faulted("GetFunction")).isEqualTo(failed);
        assertThat(emulator.counters().calls("GetFunction")).isEqualTo(30);
        assertThat(emulator.counters().faulted("ListFunctions")).isZero();
        assertThat(emulator.counters().calls("ListFunctions")).isEqualTo(30);
    }

    @Test
    void everyCallFailsAtRateOneAndNoneOnceCleared() {
        admin.put("/_emulator/faults", "{\"errorRate\":1,\"seed\":1}");
        for (int i = 0; i < 5; i++) {
            try {
                lambda.listFunctions();
                throw new AssertionError("call " + i + " was not faulted");
            } catch (LambdaException e) {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceException");
            }
        }

        admin.put("/_emulator/faults", "{}");
        assertThat(lambda.listFunctions().functions()).hasSize(1);
    }
}
