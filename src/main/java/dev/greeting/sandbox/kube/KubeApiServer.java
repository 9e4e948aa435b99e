package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Kubernetes API server for the sandbox, on loopback over plain HTTP, that the real
 * {@code kubectl} and the fabric8 client (informers included) both work against.
 *
 * <p>Objects live in fabric8's CRUD mock store; this front adds what the mock lacks and real
 * clients need: discovery built from the installed CRDs, server-side Tables with the CRD's printer
 * columns, watches over chunked HTTP as well as WebSocket, status-subresource writes with query
 * parameters, finalizer-aware deletion, and admission against the CRD's schema and CEL rules.
 *
 * <pre>{@code
 * try (KubeApiServer api = KubeApiServer.start()) {
 *     api.installCrds(Path.of("crds/greetingapis.greeting.dev-v1.yml"));
 *     Path kubeconfig = api.writeKubeconfig(Path.of("target/sandbox/kubeconfig"));
 *     try (KubernetesClient client = api.newClient()) { ... }
 * }
 * }</pre>
 */
public final class KubeApiServer implements KubeApi {
    private static final List<String> INITIAL_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    private final Vertx vertx;
    private final HttpServer server;
    private final Store store;
    private final ResourceTypes types;
    private final ApiHandler handler;
    private final Clock clock;
    private final URI url;
    private final AtomicInteger activeWatches = new AtomicInteger();

    private KubeApiServer(Vertx vertx, HttpServer server, Store store, Clock clock) {
        this.vertx = vertx;
        this.server = server;
        this.store = store;
        this.clock = clock;
        this.types = new ResourceTypes(store);
        this.url = URI.create("http://127.0.0.1:" + server.actualPort());
        this.handler = new ApiHandler(store, types, clock, "127.0.0.1:" + server.actualPort());
    }

    /** Starts on 127.0.0.1 on a free port. */
    public static KubeApiServer start() {
        return start(0);
    }

    /** Starts on 127.0.0.1:{@code port} (0 picks a free port). */
    public static KubeApiServer start(int port) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        Store store = new Store();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setHttp2ClearTextEnabled(false).setCompressionSupported(false));
        KubeApiServer[] self = new KubeApiServer[1];
        server.requestHandler(request -> self[0].onRequest(request));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot start the sandbox Kubernetes API on 127.0.0.1:" + port, e);
        }
        self[0] = new KubeApiServer(vertx, server, store, Clock.systemUTC());
        self[0].createNamespaces();
        return self[0];
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
    @Override
    public URI url() {
        return url;
    }

    public int port() {
        return server.actualPort();
    }

    /** How many watches (HTTP or WebSocket) are open now; for diagnostics and tests. */
    public int activeWatches() {
        return activeWatches.get();
    }

    /** Writes a kubeconfig whose current context (namespace "default") points at this server. */
    @Override
    public Path writeKubeconfig(Path file) {
        return Kubeconfig.write(file, url, "default");
    }

    /** A fabric8 client configuration for this server (namespace "default"). */
    public Config clientConfig() {
        return new ConfigBuilder(Config.empty()).withMasterUrl(url.toString()).withNamespace("default")
                .withRequestTimeout(30_000).withConnectionTimeout(10_000).build();
    }

    /** A new fabric8 client for this server; the caller closes it. */
    @Override
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(clientConfig()).build();
    }

    /** Creates (or replaces) every CustomResourceDefinition in a YAML file; returns their names. */
    public List<String> installCrds(Path yamlFile) {
        try (InputStream in = Files.newInputStream(yamlFile)) {
            return installCrds(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + yamlFile, e);
        }
    }

    /** Creates (or replaces) every CustomResourceDefinition in a YAML stream (documents separated by ---). */
    @Override
    public List<String> installCrds(InputStream yaml) {
        List<String> names = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode crd && "CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    names.add(install(crd));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse CRD YAML", e);
        }
        return names;
    }

    private String install(ObjectNode crd) {
        String name = crd.path("metadata").path("name").asText();
        String collection = ResourceTypes.CRD_PATH;
        Map<String, List<String>> noQuery = Map.of();
        ApiResponse response;
        if (store.read(collection + "/" + name).isPresent()) {
            ObjectNode current = store.read(collection + "/" + name).get();
            crd.with("metadata").put("resourceVersion", current.path("metadata").path("resourceVersion").asText());
            crd.set("status", current.path("status"));
            response = handler.handle(new ApiRequest("PUT", collection + "/" + name, noQuery, null,
                    "application/json", KubeJson.write(crd)));
        } else {
            response = handler.handle(new ApiRequest("POST", collection, noQuery, null, "application/json",
                    KubeJson.write(crd)));
        }
        if (response.code() >= 300) {
            throw new IllegalStateException("cannot install CRD " + name + ": " + response.body());
        }
        return name;
    }

    @Override
    public String description() {
        return "embedded";
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        } finally {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the event loop threads are daemons; nothing more to do
            }
        }
    }

    private void createNamespaces() {
        for (String namespace : INITIAL_NAMESPACES) {
            ObjectNode ns = KubeJson.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", namespace);
            ns.putObject("spec").putArray("finalizers").add("kubernetes");
            ns.putObject("status").put("phase", "Active");
            store.create("/api/v1/namespaces", ns);
        }
    }

    // ---- HTTP

    private void onRequest(HttpServerRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            onWebSocketWatch(request);
            return;
        }
        request.body().onSuccess(body -> {
            ApiRequest apiRequest = toApiRequest(request, body);
            if (apiRequest.method().equals("GET") && apiRequest.isWatch()) {
                vertx.executeBlocking(() -> {
                    onHttpWatch(request, apiRequest);
                    return null;
                }, false).onFailure(e -> fail(request.response(), e));
                return;
            }
            vertx.executeBlocking(() -> handler.handle(apiRequest), false)
                    .onSuccess(response -> write(request.response(), response))
                    .onFailure(e -> fail(request.response(), e));
        });
    }

    private static ApiRequest toApiRequest(HttpServerRequest request, Buffer body) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        MultiMap params = request.params();
        for (String name : params.names()) {
            query.put(name, params.getAll(name));
        }
        return new ApiRequest(request.method().name(), request.path(), query, request.getHeader("Accept"),
                request.getHeader("Content-Type"), body == null ? "" : body.toString(StandardCharsets.UTF_8));
    }

    private static void write(HttpServerResponse response, ApiResponse apiResponse) {
        response.setStatusCode(apiResponse.code()).putHeader("Content-Type", apiResponse.contentType());
        for (String warning : apiResponse.warnings()) {
            response.headers().add("Warning", "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        response.end(apiResponse.body());
    }

    private static void fail(HttpServerResponse response, Throwable e) {
        if (!response.headWritten()) {
            write(response, ApiResponse.json(500, Statuses.failure(500, "InternalError", String.valueOf(e))));
        }
    }

    /** kubectl's watches: one JSON event per line on a chunked response that stays open. */
    private void onHttpWatch(HttpServerRequest request, ApiRequest apiRequest) {
        HttpServerResponse response = request.response();
        WatchTarget target;
        try {
            target = watchTarget(apiRequest);
        } catch (ApiException e) {
            write(response, ApiResponse.json(e.code(), e.status()));
            return;
        }
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json")
                .putHeader("Transfer-Encoding", "chunked");
        response.writeHead();
        WatchSession session = WatchSession.open(store, target.storePath(), apiRequest, target.type(), clock,
                activeWatches,
                line -> {
                    if (!response.ended() && !response.closed()) {
                        response.write(line + "\n");
                    }
                },
                () -> {
                    if (!response.ended() && !response.closed()) {
                        response.end();
                    }
                });
        response.closeHandler(v -> {
            vertx.executeBlocking(() -> {
                session.stop();
                return null;
            }, false);
        });
        scheduleTimeout(apiRequest, session);
    }

    /** The fabric8 client's watches (informers): the same events as WebSocket text frames. */
    private void onWebSocketWatch(HttpServerRequest request) {
        ApiRequest apiRequest = toApiRequest(request, null);
        WatchTarget target;
        try {
            target = watchTarget(apiRequest);
        } catch (ApiException e) {
            write(request.response(), ApiResponse.json(e.code(), e.status()));
            return;
        }
        request.toWebSocket().onSuccess((ServerWebSocket socket) -> vertx.executeBlocking(() -> {
            WatchSession session = WatchSession.open(store, target.storePath(), apiRequest, target.type(), clock,
                    activeWatches, socket::writeTextMessage,
                    () -> {
                        if (!socket.isClosed()) {
                            socket.close((short) 1000, "watch closed");
                        }
                    });
            socket.closeHandler(v -> {
                vertx.executeBlocking(() -> {
                    session.stop();
                    return null;
                }, false);
            });
            scheduleTimeout(apiRequest, session);
            return null;
        }, false));
    }

    private void scheduleTimeout(ApiRequest request, WatchSession session) {
        String timeout = request.param("timeoutSeconds");
        if (timeout != null && timeout.matches("\\d+") && Long.parseLong(timeout) > 0) {
            vertx.setTimer(TimeUnit.SECONDS.toMillis(Long.parseLong(timeout)), id -> vertx.executeBlocking(() -> {
                session.stop();
                return null;
            }, false));
        }
    }

    private record WatchTarget(ResourceType type, String storePath) {
    }

    private WatchTarget watchTarget(ApiRequest request) {
        ResourcePath resource = ResourcePath.parse(request.path())
                .orElseThrow(() -> new ApiException(Statuses.noSuchPath()));
        ResourceType type = handler.resolve(resource);
        // the old form ".../greetingapis/NAME?watch=true" watches one object
        String byName = resource.name() == null ? null : "metadata.name=" + resource.name();
        return new WatchTarget(type, ApiHandler.selectorPath(resource.collectionPath(), request, byName));
    }
}
