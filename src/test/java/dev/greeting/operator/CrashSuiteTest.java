package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.model.DeletionPolicy;
import dev.greeting.model.GreetingApi;
import dev.greeting.model.GreetingApiSpec;
import dev.greeting.reconcile.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The crash suite: each scenario (create, each kind of spec change, a redeploy after drift,
 * delete) runs once uncrashed, which records the AWS writes it makes; then once per write k, the
 * operator is frozen right after its k-th write (the emulator holds the answer), stopped abruptly
 * (its Kubernetes and AWS clients are closed first, so nothing it does afterwards reaches either
 * side), and a fresh operator instance takes over. Every point must converge to the uncrashed
 * run's AWS state, with no second REST API and nothing left behind.
 */
class CrashSuiteTest {
    private static final Duration CONVERGE = Duration.ofSeconds(15);
    static final String ROLE = "arn:aws:iam::123456789012:role/apigAwsProxyRole";

    /** What a scenario does to the resource once the base (if any) is Ready; the operator then acts. */
    interface Trigger {
        void fire(OperatorHarness h, String name);
    }

    record Scenario(String name, boolean base, Consumer<GreetingApiSpec> baseSpec, Trigger trigger, boolean deletes,
                    boolean drift) {
        Scenario(String name, boolean base, Consumer<GreetingApiSpec> baseSpec, Trigger trigger, boolean deletes) {
            this(name, base, baseSpec, trigger, deletes, false);
        }
    }

    record Point(String scenario, int k, String call, boolean converged, int duplicates, int orphans, String detail) {
    }

    private OperatorHarness h;
    private KubernetesClient operatorClient;
    private GreetingOperator operator;
    private List<String> functions;

    @Test
    void everyCrashPointConverges() {
        List<Point> points = new ArrayList<>();
        try (OperatorHarness harness = OperatorHarness.startWithoutOperator()) {
            h = harness;
            functions = List.of(h.createFunction("HelloWorld"), h.createFunction("Other"));
            startOperator();
            for (Scenario s : scenarios()) {
                List<String> plan = run(s, 0, null, points);
                for (int k = 1; k <= plan.size(); k++) {
                    run(s, k, plan, points);
                }
            }
            operator.close();
            operatorClient.close();
        }
        print(points);
        assertThat(points.stream().filter(p -> p.k > 0).count()).isGreaterThanOrEqualTo(20);
        assertThat(points).allSatisfy(p -> {
            assertThat(p.converged).as(p.toString()).isTrue();
            assertThat(p.duplicates).as(p.toString()).isZero();
            assertThat(p.orphans).as(p.toString()).isZero();
        });
    }

    static List<Scenario> scenarios() {
        Consumer<GreetingApiSpec> plain = s -> { };
        return List.of(
                new Scenario("create", false, plain, (h, n) -> h.create(greetingApi(n, OperatorHarness.functionArn("HelloWorld"), plain)), false),
                edit("path", s -> s.setPath("v1/hello")),
                // servingCheck off: the sample function reads only 'greeter' and fails on {"name": ...}
                edit("greeterParameter", s -> {
                    s.setGreeterParameter("name");
                    s.setServingCheck(false);
                }),
                edit("greeterRequired", s -> s.setGreeterRequired(true)),
                edit("stage", s -> s.setStage("prod")),
                edit("functionArn", s -> s.setFunctionArn(OperatorHarness.functionArn("Other"))),
                edit("credentialsRoleArn", s -> s.setCredentialsRoleArn(ROLE)),
                edit("tags", s -> s.setTags(Map.of("team", "payments"))),
                edit("apiName", s -> s.setApiName("Renamed")),
                edit("deletionPolicy", s -> s.setDeletionPolicy(DeletionPolicy.Retain)),
                new Scenario("redeploy after drift", true, plain, CrashSuiteTest::driftTemplate, false, true),
                new Scenario("delete", true, plain, (h, n) -> h.delete(n), true));
    }

    private static Scenario edit(String kind, Consumer<GreetingApiSpec> change) {
        return new Scenario(kind, true, s -> { }, (h, n) -> h.editSpec(n, change), false);
    }

    /** Someone edits the integration's template out of band; the resync puts it back and redeploys. */
    private static void driftTemplate(OperatorHarness h, String name) {
        String apiId = h.get(name).getStatus().getRestApiId();
        var resource = h.apigw.getResources(b -> b.restApiId(apiId)).items().stream()
                .filter(r -> r.path().equals("/greeting")).findFirst().orElseThrow();
        h.apigw.updateIntegration(b -> b.restApiId(apiId).resourceId(resource.id()).httpMethod("GET")
                .patchOperations(p -> p.op("replace").path("/requestTemplates/application~1json").value("{}")));
    }

    private final Map<String, ApiExport> references = new java.util.HashMap<>();

    /** k = 0: the uncrashed run, which returns the writes it made; otherwise a crash after write k. */
    private List<String> run(Scenario s, int k, List<String> plan, List<Point> points) {
        String name = (s.name.replaceAll("[^a-z]", "") + "-" + k).toLowerCase();
        if (s.base) {
            h.create(greetingApi(name, OperatorHarness.functionArn("HelloWorld"), s.baseSpec));
            h.awaitReady(name);
        }
        String uid = s.base ? uidOf(name, s) : null;
        if (s.drift) {
            // The uncrashed outcome of a repair is the state before the drift.
            references.putIfAbsent(s.name, ApiExport.of(h.apigw, h.lambda, name, uid, functions));
            s.trigger.fire(h, name);
            h.emulator.crashes().arm(k);
        } else {
            h.emulator.crashes().arm(k);
            s.trigger.fire(h, name);
        }
        uid = uid != null ? uid : uidOf(name, s);
        if (k > 0) {
            boolean tripped;
            try {
                tripped = h.emulator.crashes().awaitTripped(CONVERGE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (!tripped) {
                points.add(new Point(s.name, k, plan.get(k - 1), false, 0, 0, "never reached write " + k
                        + ", made " + h.emulator.crashes().writes()));
                h.emulator.crashes().release();
                return plan;
            }
            crashAndRestart();
        }
        boolean converged = awaitConverged(s, name, uid, references.get(s.name));
        ApiExport now = ApiExport.of(h.apigw, h.lambda, name, uid, functions);
        List<String> writes = h.emulator.crashes().writes();
        if (k == 0) {
            if (s.drift && !converged) {
                points.add(new Point(s.name, 0, "(drift not repaired: " + writes + ")", false, 0, 0, now.text()));
                return List.of();
            }
            references.put(s.name, now);
            points.add(new Point(s.name, 0, "(uncrashed: " + writes + ")", converged, duplicates(s, now), 0, now.text()));
            return writes;
        }
        ApiExport ref = references.get(s.name);
        points.add(new Point(s.name, k, plan.get(k - 1), converged && now.text().equals(ref.text()), duplicates(s, now),
                now.orphansAgainst(ref), now.text().equals(ref.text()) ? "" : "differs: " + now.text() + " vs " + ref.text()));
        return plan;
    }

    private String uidOf(String name, Scenario s) {
        GreetingApi r = h.get(name);
        return r == null ? null : r.getMetadata().getUid();
    }

    private static int duplicates(Scenario s, ApiExport e) {
        return Math.max(0, e.apisWithUid() - (s.deletes ? 0 : 1));
    }

    private boolean awaitConverged(Scenario s, String name, String uid, ApiExport reference) {
        try {
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(100)).until(() -> {
                GreetingApi r = h.get(name);
                if (s.deletes) {
                    return r == null;
                }
                boolean ready = r != null && r.getStatus() != null
                        && r.getMetadata().getGeneration().equals(r.getStatus().getObservedGeneration())
                        && Conditions.isTrue(r.getStatus().getConditions(), Conditions.READY);
                return ready && (reference == null
                        || ApiExport.of(h.apigw, h.lambda, name, uid, functions).text().equals(reference.text()));
            });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * The crash: the frozen instance loses its Kubernetes and AWS clients at once (no status
     * write, no further AWS call gets out), is stopped without waiting for it, and the emulator
     * lets go of its held calls. A fresh instance, with a new client, starts against the same API
     * server and emulator state.
     */
    private void crashAndRestart() {
        GreetingOperator crashed = operator;
        KubernetesClient crashedClient = operatorClient;
        crashedClient.close();
        crashed.aws().close();
        Thread stopper = new Thread(crashed::close, "stop-crashed-operator");
        stopper.setDaemon(true);
        stopper.start();
        h.emulator.crashes().release();
        startOperator();
    }

    private void startOperator() {
        operatorClient = h.newOperatorClient();
        operator = GreetingOperator.start(operatorClient, h.settings());
    }

    private static void print(List<Point> points) {
        StringBuilder out = new StringBuilder(String.format("%-22s %3s  %-24s %-9s %10s %7s%n", "scenario", "k",
                "crashed after", "converged", "duplicates", "orphans"));
        for (Point p : points) {
            out.append(String.format("%-22s %3d  %-24s %-9s %10d %7d%s%n", p.scenario, p.k,
                    p.k == 0 ? "-" : p.call, p.converged, p.duplicates, p.orphans,
                    p.k == 0 ? "  plan " + p.call : p.detail.isEmpty() ? "" : "  " + p.detail));
        }
        System.out.println(out);
    }
}
