package dev.greeting.sandbox.realkube;

import dev.greeting.sandbox.kube.KubeApi;
import dev.greeting.sandbox.kube.Kubeconfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A real Kubernetes API: etcd and kube-apiserver (built by {@code test-infra/kube/build.sh}) on free
 * loopback ports, as envtest runs them. RBAC authorization, a service-account token issuer (so
 * TokenRequest works and a ServiceAccount can be impersonated for real), an admin bearer token in
 * {@code system:masters}, serving certificates the API server makes itself, and an audit log of
 * every request (who, what, and the answer's code) to check that a client met no Forbidden.
 * No controller manager runs: nothing garbage-collects or finishes namespace deletion.
 */
public final class RealKubeApiServer implements KubeApi {
    public static final String ADMIN_USER = "greeting-admin";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path workDir;
    private final ChildProcess etcd;
    private final ChildProcess apiServer;
    private final URI url;
    private final String adminToken;
    private final String caPem;
    private final Path kubeconfig;
    private final Path auditLog;
    private final Instant started;

    private RealKubeApiServer(Path workDir, ChildProcess etcd, ChildProcess apiServer, URI url, String adminToken,
                              String caPem, Path kubeconfig, Path auditLog, Instant started) {
        this.workDir = workDir;
        this.etcd = etcd;
        this.apiServer = apiServer;
        this.url = url;
        this.adminToken = adminToken;
        this.caPem = caPem;
        this.kubeconfig = kubeconfig;
        this.auditLog = auditLog;
        this.started = started;
    }

    /** Starts etcd and kube-apiserver under {@code workDir} (created; logs stay there) on free ports and waits until ready. */
    public static RealKubeApiServer start(KubeBinaries binaries, Path workDir) {
        return start(binaries, workDir, 0);
    }

    /** As {@link #start(KubeBinaries, Path)}, the API server on 127.0.0.1:{@code port} (0: a free one). */
    public static RealKubeApiServer start(KubeBinaries binaries, Path workDir, int apiPort) {
        Instant begin = Instant.now();
        ChildProcess etcd = null;
        ChildProcess apiServer = null;
        try {
            Files.createDirectories(workDir);
            int etcdClient = freePort();
            int etcdPeer = freePort();
            etcd = ChildProcess.start("etcd", List.of(binaries.etcd().toString(),
                    "--name", "greeting-test",
                    "--data-dir", workDir.resolve("etcd-data").toString(),
                    "--listen-client-urls", "http://127.0.0.1:" + etcdClient,
                    "--advertise-client-urls", "http://127.0.0.1:" + etcdClient,
                    "--listen-peer-urls", "http://127.0.0.1:" + etcdPeer,
                    "--initial-advertise-peer-urls", "http://127.0.0.1:" + etcdPeer,
                    "--initial-cluster", "greeting-test=http://127.0.0.1:" + etcdPeer,
                    // A test bed: durability buys nothing, fsync costs seconds on a loaded disk.
                    "--unsafe-no-fsync",
                    "--log-level", "warn"), workDir.resolve("etcd.log"));

            String token = UUID.randomUUID().toString();
            Files.writeString(workDir.resolve("tokens.csv"), token + "," + ADMIN_USER + "," + ADMIN_USER + ",\"system:masters\"\n");
            ServiceAccountKeys.write(workDir.resolve("sa.key"), workDir.resolve("sa.pub"));
            Path auditPolicy = workDir.resolve("audit-policy.yaml");
            // Metadata for every request: user, verb, resource and the response code, never a body.
            Files.writeString(auditPolicy, """
                    apiVersion: audit.k8s.io/v1
                    kind: Policy
                    omitStages: [RequestReceived]
                    rules:
                    - level: Metadata
                    """);
            Path auditLog = workDir.resolve("audit.log");
            Path certDir = workDir.resolve("certs");
            int port = apiPort == 0 ? freePort() : apiPort;
            URI url = URI.create("https://127.0.0.1:" + port);
            waitForEtcd(etcd, etcdClient);
            apiServer = ChildProcess.start("kube-apiserver", List.of(binaries.kubeApiServer().toString(),
                    "--etcd-servers", "http://127.0.0.1:" + etcdClient,
                    "--bind-address", "127.0.0.1",
                    "--advertise-address", "127.0.0.1",
                    "--secure-port", String.valueOf(port),
                    "--cert-dir", certDir.toString(),
                    "--token-auth-file", workDir.resolve("tokens.csv").toString(),
                    "--authorization-mode", "RBAC",
                    "--service-account-issuer", url.toString(),
                    "--service-account-key-file", workDir.resolve("sa.pub").toString(),
                    "--service-account-signing-key-file", workDir.resolve("sa.key").toString(),
                    "--service-cluster-ip-range", "10.0.0.0/24",
                    // The "kubernetes" Service's endpoint would be 127.0.0.1, which endpoints refuse.
                    "--endpoint-reconciler-type", "none",
                    "--audit-policy-file", auditPolicy.toString(),
                    "--audit-log-path", auditLog.toString(),
                    "--audit-log-mode", "blocking",
                    "--v", "1"), workDir.resolve("kube-apiserver.log"));
            String caPem = awaitReady(apiServer, url, token, certDir.resolve("apiserver.crt"));
            Path kubeconfig = Kubeconfig.write(workDir.resolve("kubeconfig"), url, "default", caPem, token);
            return new RealKubeApiServer(workDir, etcd, apiServer, url, token, caPem, kubeconfig, auditLog, begin);
        } catch (IOException e) {
            closeQuietly(apiServer, etcd);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeQuietly(apiServer, etcd);
            throw e;
        }
    }

    private static void waitForEtcd(ChildProcess etcd, int clientPort) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        poll("etcd", etcd, () -> {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("true");
        });
    }

    /** Waits for the self-made serving certificate, then for /readyz and the default namespace; returns the CA. */
    private static String awaitReady(ChildProcess apiServer, URI url, String token, Path servingCert) {
        poll("kube-apiserver's serving certificate", apiServer, () -> Files.isRegularFile(servingCert)
                && Files.readString(servingCert).contains("END CERTIFICATE"));
        String caPem = readString(servingCert);
        SSLContext tls = Tls.trusting(caPem);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(1)).build();
        poll("kube-apiserver /readyz", apiServer, () -> get(http, url.resolve("/readyz"), token) == 200
                && get(http, url.resolve("/api/v1/namespaces/default"), token) == 200);
        return caPem;
    }

    private static int get(HttpClient http, URI uri, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    interface Probe {
        boolean ready() throws Exception;
    }

    /** Polls every 100 ms until the probe passes; fails early, with the log, if the process died. */
    private static void poll(String what, ChildProcess process, Probe probe) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            process.checkAlive();
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (Exception e) {
                throw new IllegalStateException("waiting for " + what + ": " + e, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready within " + START_TIMEOUT + "; the end of "
                        + process.log() + ":\n" + process.tail(40));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    @Override
    public URI url() {
        return url;
    }

    /** A kubeconfig with the admin token (for kubectl); current context greeting-sandbox. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Writes the admin kubeconfig to another file too (the sandbox's {@code --kubeconfig}). */
    @Override
    public Path writeKubeconfig(Path file) {
        return Kubeconfig.write(file, url, "default", caPem, adminToken);
    }

    public Path workDir() {
        return workDir;
    }

    public Path auditLog() {
        return auditLog;
    }

    /** How long the start took (etcd, API server, readiness). */
    public Duration startupTime() {
        return Duration.between(started, Instant.now());
    }

    /** A client configuration with the admin's token. */
    public Config adminConfig() {
        return clientConfig(adminToken);
    }

    /** A client configuration authenticating with another bearer token (a ServiceAccount's, from TokenRequest). */
    public Config clientConfig(String bearerToken) {
        return new ConfigBuilder(Config.empty()).withMasterUrl(url.toString())
                .withCaCertData(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)))
                .withOauthToken(bearerToken).withNamespace("default")
                .withRequestTimeout(30_000).withConnectionTimeout(10_000).build();
    }

    /** The admin's bearer token (it is in the kubeconfig too): for raw HTTP requests in tests. */
    public String adminToken() {
        return adminToken;
    }

    /** A JDK HTTP client trusting this server's certificate, for raw requests. */
    public HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(Tls.trusting(caPem)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A new admin client; the caller closes it. */
    @Override
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(adminConfig()).build();
    }

    /** Installs CRDs from YAML exactly as given (create, or replace what is there) and waits until they are Established. */
    @Override
    public List<String> installCrds(InputStream yaml) {
        try (KubernetesClient client = newClient()) {
            List<String> names = new ArrayList<>();
            for (HasMetadata item : client.load(yaml).items()) {
                if (item instanceof CustomResourceDefinition crd) {
                    client.resource(crd).forceConflicts().serverSideApply();
                    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                            .waitUntilCondition(RealKubeApiServer::established, START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    names.add(crd.getMetadata().getName());
                }
            }
            return names;
        }
    }

    public List<String> installCrds(Path yamlFile) {
        try (InputStream in = Files.newInputStream(yamlFile)) {
            return installCrds(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public boolean isAlive() {
        return apiServer.isAlive() && etcd.isAlive();
    }

    @Override
    public String description() {
        return "kube-apiserver " + KubeBinaries.KUBERNETES_VERSION + " and etcd " + KubeBinaries.ETCD_VERSION
                + ", logs in " + workDir;
    }

    /** Stops the API server, then etcd, and removes etcd's data (logs stay in the work directory). */
    @Override
    public void close() {
        closeQuietly(apiServer, etcd);
        deleteTree(workDir.resolve("etcd-data"));
    }

    private static void closeQuietly(ChildProcess... processes) {
        for (ChildProcess process : processes) {
            if (process != null) {
                process.close();
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left for the next clean; the data is a test's.
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
