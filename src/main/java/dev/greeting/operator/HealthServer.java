package dev.greeting.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * One HTTP port for the kubelet and Prometheus: {@code /healthz} (liveness: started and its
 * informers healthy), {@code /readyz} (readiness: started; a standby replica is ready too, or a
 * two-replica rollout would never complete) and {@code /metrics} ({@link OperatorMetrics}, in
 * Prometheus' text format).
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    public static HealthServer start(String host, int port, GreetingOperator operator) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "health-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/healthz", probe(operator::isHealthy));
        server.createContext("/readyz", probe(operator::isStarted));
        server.createContext("/metrics", exchange -> respond(exchange, 200, operator.metrics().scrape()));
        server.start();
        return new HealthServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static com.sun.net.httpserver.HttpHandler probe(BooleanSupplier check) {
        return exchange -> {
            boolean ok;
            try {
                ok = check.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            respond(exchange, ok ? 200 : 503, ok ? "ok\n" : "not ok\n");
        };
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
