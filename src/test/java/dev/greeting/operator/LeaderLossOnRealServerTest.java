package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.greeting.bench.OperatorProcess;
import dev.greeting.model.GreetingApi;
import dev.greeting.reconcile.Conditions;
import dev.greeting.reconcile.DesiredState;
import dev.greeting.sandbox.kube.Kubeconfig;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/**
 * Issue 11, leader loss: two operator JVMs ({@code greeting-operator run --leader-election}, as
 * two replicas of the Deployment) compete for one Lease on the real kube-apiserver; the leader is
 * SIGKILLed while 50 GreetingApis converge (some Ready, some not, a CreateRestApi possibly in
 * flight); the standby takes the Lease once it expires, finishes the rest, and no REST API is made
 * twice: each resource's UID tag is on exactly one API, because the new leader looks an API up by
 * its tag before it creates one.
 */
@OnRealServer
class LeaderLossOnRealServerTest {
    static final int RESOURCES = 50;
    /** Killed once this many are Ready: well into the run, and far from its end. */
    static final int READY_AT_KILL = 10;
    /** AWS's quotas this many times faster: 50 CreateDeployments (0.2/s) take about 12 s, long enough to kill mid-way. */
    static final double QUOTA_SPEED = 20;
    /** A function's resource policy holds about 60 invoke permissions (as in AWS): one function per 25 APIs. */
    static final int APIS_PER_FUNCTION = 25;
    static final Duration JVM_START = Duration.ofSeconds(60);
    static final Duration CONVERGE = Duration.ofSeconds(90);

    @Test
    void theStandbyTakesOverFromAKilledLeaderAndNoApiIsMadeTwice() throws Exception {
        try (OperatorHarness h = OperatorHarness.startWithoutOperator()) {
            Path work = Files.createDirectories(Path.of("target", "leader-loss", h.namespace()).toAbsolutePath());
            Path kubeconfig = operatorKubeconfig(h, work.resolve("kubeconfig"));
            List<String> functions = List.of(h.createFunction("HelloWorld0"), h.createFunction("HelloWorld1"));
            Map<String, OperatorProcess> replicas = new java.util.LinkedHashMap<>();
            try {
                for (String identity : List.of("replica-a", "replica-b")) {
                    replicas.put(identity, replica(h, kubeconfig, identity, work.resolve(identity + ".log")));
                }
                replicas.values().forEach(p -> p.awaitReady(JVM_START));
                String leader = await().atMost(JVM_START).until(() -> holder(h), r -> replicas.containsKey(r));
                String standby = replicas.keySet().stream().filter(r -> !r.equals(leader)).findFirst().orElseThrow();

                for (int i = 0; i < RESOURCES; i++) {
                    h.create(greetingApi(String.format(Locale.ROOT, "api-%02d", i), functions.get(i / APIS_PER_FUNCTION), s -> { }));
                }
                await().atMost(CONVERGE).pollInterval(Duration.ofMillis(50)).until(() -> readyCount(h) >= READY_AT_KILL);
                replicas.get(leader).kill();
                long killed = System.nanoTime();
                int readyAtKill = readyCount(h);
                long createsAtKill = h.calls("CreateRestApi");
                assertThat(readyAtKill).as("Ready when the leader was killed: it must die mid-convergence").isLessThan(RESOURCES);

                await().atMost(CONVERGE).pollInterval(Duration.ofMillis(100)).until(() -> standby.equals(holder(h)));
                double takeover = (System.nanoTime() - killed) / 1e9;
                await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).until(() -> readyCount(h) == RESOURCES);
                double converged = (System.nanoTime() - killed) / 1e9;

                assertThat(replicas.get(standby).isAlive()).as("the standby, now leader, still runs").isTrue();
                assertThat(holder(h)).isEqualTo(standby);
                List<RestApi> apis = h.apigw.getRestApisPaginator(b -> b.limit(500)).items().stream().toList();
                Map<String, Long> apisPerUid = apis.stream().filter(a -> a.tags().containsKey(DesiredState.UID_TAG))
                        .collect(Collectors.groupingBy(a -> a.tags().get(DesiredState.UID_TAG), Collectors.counting()));
                Set<String> uids = h.client.resources(GreetingApi.class).inNamespace(h.namespace()).list().getItems().stream()
                        .map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
                long duplicates = apisPerUid.values().stream().mapToLong(n -> n - 1).sum();
                System.out.printf(Locale.ROOT, "leader loss: replicas ready in %.1f s; %s killed at %d/%d Ready (%d CreateRestApi"
                                + " sent); %s leader %.1f s later, all Ready %.1f s after the kill; %d REST APIs, %d duplicates,"
                                + " %d CreateRestApi calls%n",
                        replicas.values().stream().mapToDouble(p -> p.startToReady().toMillis() / 1e3).max().orElse(0),
                        leader, readyAtKill, RESOURCES, createsAtKill, standby, takeover, converged, apis.size(), duplicates,
                        h.calls("CreateRestApi"));
                assertThat(apisPerUid).as("REST APIs per UID tag").containsOnlyKeys(uids)
                        .allSatisfy((uid, count) -> assertThat(count).as("APIs tagged " + uid).isEqualTo(1L));
                assertThat(apis).hasSize(RESOURCES);
                // Each status names the one API of its UID.
                Map<String, String> apiIdByUid = apis.stream().collect(Collectors.toMap(a -> a.tags().get(DesiredState.UID_TAG), RestApi::id));
                assertThat(h.client.resources(GreetingApi.class).inNamespace(h.namespace()).list().getItems())
                        .allSatisfy(r -> assertThat(r.getStatus().getRestApiId()).isEqualTo(apiIdByUid.get(r.getMetadata().getUid())));
            } finally {
                // Before the harness removes the finalizers, so that no operator works on them any more.
                replicas.values().forEach(OperatorProcess::kill);
            }
        }
    }

    /** One replica: its own JVM, identity {@code POD_NAME}, the Lease in the harness's namespace, short lease timings. */
    private static OperatorProcess replica(OperatorHarness h, Path kubeconfig, String identity, Path log) {
        List<String> args = new ArrayList<>(List.of("--namespace=" + h.namespace(), "--leader-election",
                "--lease-namespace=" + h.namespace(), "--lease-duration=4s", "--lease-renew-deadline=3s",
                "--lease-retry-period=1s", "--max-quota-wait=60s"));
        args.addAll(OperatorProcess.quotaFlags(QUOTA_SPEED));
        // Surefire's forked JVM may see only its manifest jar as java.class.path; this is the test class path in full.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return OperatorProcess.launch(classPath, kubeconfig, h.emulator.endpoint(), OperatorHarness.API_REGION.id(),
                Map.of("POD_NAME", identity, "POD_NAMESPACE", h.namespace()), args, log);
    }

    /** A kubeconfig with the operator's ServiceAccount token (deploy/'s RBAC), for the child JVMs. */
    private static Path operatorKubeconfig(OperatorHarness h, Path file) {
        try (KubernetesClient operator = h.newOperatorClient()) {
            Config config = operator.getConfiguration();
            String caPem = new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII);
            return Kubeconfig.write(file, URI.create(config.getMasterUrl()), h.namespace(), caPem, config.getOauthToken());
        }
    }

    private static String holder(OperatorHarness h) {
        Lease lease = h.client.resources(Lease.class).inNamespace(h.namespace()).withName(LeaderElectionTest.LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static int readyCount(OperatorHarness h) {
        return (int) h.client.resources(GreetingApi.class).inNamespace(h.namespace()).list().getItems().stream()
                .filter(r -> r.getStatus() != null && r.getMetadata().getGeneration().equals(r.getStatus().getObservedGeneration())
                        && Conditions.isTrue(r.getStatus().getConditions(), Conditions.READY))
                .count();
    }
}
