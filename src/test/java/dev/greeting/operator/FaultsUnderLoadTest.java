package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.emulator.control.FaultConfig;
import dev.greeting.model.GreetingApi;
import dev.greeting.reconcile.Conditions;
import dev.greeting.reconcile.DesiredState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * N GreetingApis while 20 % of every management call the operator makes fails (refused 5xx, 429,
 * applied then 5xx, applied then no answer) and some are slow: once the faults stop, all are Ready
 * with one REST API each (by UID tag), and after deleting them nothing is left.
 *
 * <p>On the real kube-apiserver only. Under faults the operator's status patches (JSON patches from
 * JOSDK's cached copy) sometimes meet a newer object; the real server answers 422 and JOSDK retries,
 * but fabric8's CRUD mock throws inside its handler ("Array index 1 is out of bounds at
 * /status/conditions") and never answers, which holds a reconciler thread and left resources with
 * their finalizer after the delete.
 */
@OnRealServer
class FaultsUnderLoadTest {
    /** 30 in mvn verify; bench/faults.sh runs 200 ({@code -Dfaults.n=200}). */
    static final int N = Integer.getInteger("faults.n", 30);
    /** A function's policy holds about 60 statements (20 KB), in AWS as in the emulator: 25 APIs per function. */
    static final int APIS_PER_FUNCTION = 25;
    static final Duration WAIT = Duration.ofSeconds(60 + N / 2);
    static final FaultConfig TWENTY_PERCENT = new FaultConfig(0.05, 0.05, 20, 11, Set.of(), 0.05, 0.05, 0.2);

    @Test
    void convergesWithoutDuplicatesAndLeavesNothingAfterDelete() {
        try (OperatorHarness h = OperatorHarness.start()) {
            List<String> functions = new java.util.ArrayList<>();
            for (int f = 0; f * APIS_PER_FUNCTION < N; f++) {
                functions.add(h.createFunction("HelloWorld" + f));
            }
            h.emulator.faults().configure(TWENTY_PERCENT);
            for (int i = 0; i < N; i++) {
                h.create(greetingApi(String.format("api-%03d", i), functions.get(i / APIS_PER_FUNCTION), s -> { }));
            }
            await().atMost(WAIT).until(() -> h.emulator.counters().faulted("CreateRestApi") >= 2
                    && h.calls("CreateDeployment") >= N / 2);
            Map<String, Long> faults = h.emulator.counters().faultKindSnapshot();
            long callsUnderFaults = h.emulator.counters().totalCalls();
            h.emulator.faults().configure(FaultConfig.NONE);
            long stopped = System.nanoTime();

            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> readyCount(h) == N);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                h.client.resources(GreetingApi.class).inNamespace(h.namespace()).list().getItems().stream()
                        .filter(r -> r.getStatus() == null || !Conditions.isTrue(r.getStatus().getConditions(), Conditions.READY))
                        .forEach(r -> System.out.println("NOT READY " + r.getMetadata().getName() + " gen "
                                + r.getMetadata().getGeneration() + " status " + r.getStatus()));
                System.out.println("calls since: " + h.emulator.counters().callSnapshot());
                throw e;
            }
            double toReady = (System.nanoTime() - stopped) / 1e9;
            Map<String, Integer> byUid = restApisByUid(h.apigw);
            long duplicates = byUid.values().stream().mapToLong(c -> c - 1).sum();

            h.client.resources(GreetingApi.class).inNamespace(h.namespace()).delete();
            try {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                        .until(() -> h.client.resources(GreetingApi.class).inNamespace(h.namespace()).list().getItems().isEmpty());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                h.client.resources(GreetingApi.class).inNamespace(h.namespace()).list().getItems().forEach(r -> System.out.println(
                        "NOT GONE " + r.getMetadata().getName() + " finalizers " + r.getMetadata().getFinalizers()
                                + " status " + r.getStatus()));
                System.out.println("REST APIs left " + h.apigw.getRestApis(b -> b.limit(500)).items().size()
                        + "; calls " + h.emulator.counters().callSnapshot());
                throw e;
            }
            int apisLeft = h.apigw.getRestApis(b -> b.limit(500)).items().size();
            int statementsLeft = functions.stream().mapToInt(fn -> statements(h, fn)).sum();

            System.out.printf("%n| N | calls under faults | faults by kind | time to Ready after faults stop | duplicates"
                    + " | REST APIs left | permission statements left |%n|---|---|---|---|---|---|---|%n"
                    + "| %d | %d | %s | %.1f s | %d | %d | %d |%n%n", N, callsUnderFaults, faults, toReady, duplicates,
                    apisLeft, statementsLeft);
            assertThat(faults).containsKeys("5xx", "429", "applied+5xx", "applied+dropped", "latency");
            assertThat(byUid).hasSize(N);
            assertThat(duplicates).as("REST APIs beyond one per UID: %s", byUid).isZero();
            assertThat(apisLeft).as("REST APIs left after delete").isZero();
            assertThat(statementsLeft).as("permission statements left after delete").isZero();
        }
    }

    private static long readyCount(OperatorHarness h) {
        return h.client.resources(GreetingApi.class).inNamespace(h.namespace()).list().getItems().stream()
                .filter(r -> r.getStatus() != null && r.getMetadata().getGeneration().equals(r.getStatus().getObservedGeneration())
                        && Conditions.isTrue(r.getStatus().getConditions(), Conditions.READY))
                .count();
    }

    private static Map<String, Integer> restApisByUid(ApiGatewayClient apigw) {
        Map<String, Integer> byUid = new HashMap<>();
        List<RestApi> apis = apigw.getRestApis(b -> b.limit(500)).items();
        for (RestApi api : apis) {
            String uid = api.tags() == null ? null : api.tags().get(DesiredState.UID_TAG);
            byUid.merge(uid == null ? "(untagged)" : uid, 1, Integer::sum);
        }
        return byUid;
    }

    private static int statements(OperatorHarness h, String fn) {
        try {
            String policy = h.lambda.getPolicy(b -> b.functionName(fn)).policy();
            return policy.split("\"Sid\"", -1).length - 1;
        } catch (ResourceNotFoundException none) {
            return 0;
        }
    }
}
