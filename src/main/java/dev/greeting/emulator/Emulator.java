package dev.greeting.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.greeting.emulator.apigateway.ApiGatewayEmulator;
import dev.greeting.emulator.control.CallCounters;
import dev.greeting.emulator.control.ControlApi;
import dev.greeting.emulator.control.CrashControl;
import dev.greeting.emulator.control.CrashPoints;
import dev.greeting.emulator.control.Faults;
import dev.greeting.emulator.control.InjectedFault;
import dev.greeting.emulator.control.Quotas;
import dev.greeting.emulator.dataplane.DataPlane;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.QueryString;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import dev.greeting.emulator.lambda.LambdaEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS emulator: API Gateway's and Lambda's APIs on one HTTP port, over their real wire
 * protocols. Usable as a library ({@link #start}) and from the {@code emulator} subcommand.
 * Every management call is counted, may be delayed or failed by fault injection, and is checked
 * against the quotas before its handler runs.
 */
public final class Emulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);

    static {
        // The JDK server leaves Nagle's algorithm on, which adds ~40 ms to every small response.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router = new Router();
    private final CallCounters counters = new CallCounters();
    private final Quotas quotas = new Quotas();
    private final Faults faults = new Faults();
    private final CrashPoints crashes = new CrashPoints();
    private final ApiGatewayEmulator apiGateway;
    private final LambdaEmulator lambda;
    private final DataPlane dataPlane;

    private Emulator(EmulatorOptions options) throws IOException {
        quotas.configure(options.quotaProfile(), options.timeScale());
        faults.configure(options.faults());
        this.lambda = new LambdaEmulator();
        this.apiGateway = new ApiGatewayEmulator();
        apiGateway.register(router);
        lambda.register(router);
        this.dataPlane = new DataPlane(apiGateway, lambda);
        dataPlane.register(router);
        new ControlApi(this).register(router);
        new CrashControl(crashes).register(router);
        this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "emulator-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
    }

    /** Starts an emulator; port 0 in the options picks a free port. */
    public static Emulator start(EmulatorOptions options) {
        try {
            Emulator emulator = new Emulator(options);
            emulator.server.start();
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the emulator on " + options.host() + ":" + options.port(), e);
        }
    }

    /** Starts an emulator on a free loopback port with no quotas and no faults. */
    public static Emulator start() {
        return start(EmulatorOptions.defaults());
    }

    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + host + ":" + address.getPort());
    }

    public int port() { return server.getAddress().getPort(); }

    public Router router() { return router; }

    public CallCounters counters() { return counters; }

    public Quotas quotas() { return quotas; }

    public Faults faults() { return faults; }

    public CrashPoints crashes() { return crashes; }

    public ApiGatewayEmulator apiGateway() { return apiGateway; }

    public LambdaEmulator lambda() { return lambda; }

    /** Forgets every API, function and counter; refills the quota buckets and restarts the fault sequence. */
    public void reset() {
        apiGateway.reset();
        lambda.reset();
        counters.reset();
        quotas.configure(quotas.enabled() ? "aws" : "none", quotas.timeScale());
        faults.configure(faults.config());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        dataPlane.close();
        lambda.close();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response;
            Service service = Service.APIGATEWAY;
            try {
                ApiRequest request = readRequest(exchange);
                Optional<Router.Match> match = router.match(request.method(), request.rawPath(), request.query());
                if (match.isEmpty()) {
                    response = unknownRoute(request);
                } else {
                    service = match.get().route().service();
                    response = dispatch(match.get(), withPathParams(request, match.get().pathParams()));
                }
            } catch (InjectedFault.DroppedAnswer dropped) {
                return; // closing the exchange unanswered closes the connection: the client sees no answer
            } catch (AwsException e) {
                response = ApiResponse.error(service, e);
            } catch (RuntimeException e) {
                LOG.error("emulator failed to serve {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = ApiResponse.error(service, internalError(service, e));
            }
            writeResponse(exchange, response);
        }
    }

    private ApiResponse dispatch(Router.Match match, ApiRequest request) {
        var route = match.route();
        String op = route.operation();
        if (route.service() != Service.CONTROL) {
            counters.recordCall(op);
        }
        if (!route.service().isManagementApi()) {
            return route.handler().handle(request);
        }
        long latency = faults.latencyMillis(op);
        if (latency > 0) {
            counters.recordFaultKind(InjectedFault.Kind.LATENCY);
            sleep(latency);
        }
        Optional<InjectedFault> fault = faults.drawOutcome(route.service(), op, (long) (1e9 / quotas.timeScale()));
        if (fault.isPresent() && fault.get().refused()) {
            recordFault(op, fault.get());
            throw fault.get().error();
        }
        try {
            quotas.acquire(route.service(), request.region(), op);
        } catch (AwsException throttled) {
            counters.recordThrottled(op);
            throw throttled;
        }
        if (crashes.holdBefore()) {
            throw new AwsException(503, "ServiceUnavailableException", "The caller was stopped at a crash point");
        }
        ApiResponse response = route.handler().handle(request);
        crashes.afterCall(op);
        if (fault.isPresent()) {
            // Applied, and the answer lost: what makes a non-idempotent call look failed although it took effect.
            recordFault(op, fault.get());
            if (fault.get().error() == null) {
                throw new InjectedFault.DroppedAnswer(op);
            }
            throw fault.get().error();
        }
        return response;
    }

    private void recordFault(String op, InjectedFault fault) {
        counters.recordFault(op);
        counters.recordFaultKind(fault.kind());
    }

    private static ApiResponse unknownRoute(ApiRequest request) {
        if (request.rawPath().startsWith("/2015-03-31/") || request.rawPath().startsWith("/2017-03-31/")) {
            return ApiResponse.error(Service.LAMBDA,
                    new AwsException(404, "UnknownOperationException", "Unknown operation " + request.method() + " " + request.rawPath()));
        }
        // API Gateway answers a route it does not know this way, management API and invoke URLs alike.
        return ApiResponse.error(Service.APIGATEWAY,
                new AwsException(403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
    }

    private static AwsException internalError(Service service, RuntimeException e) {
        return service == Service.LAMBDA
                ? new AwsException(500, "ServiceException", "Internal error: " + e)
                : new AwsException(500, "InternalFailure", "Internal error: " + e);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ApiRequest readRequest(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        return new ApiRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), rawPath, Map.of(),
                QueryString.parse(uri.getRawQuery()), headers, body, ApiRequest.regionFromAuthorization(authorization), sourceIp);
    }

    private static ApiRequest withPathParams(ApiRequest r, Map<String, String> params) {
        return new ApiRequest(r.method(), r.rawPath(), params, r.query(), r.headers(), r.body(), r.region(), r.sourceIp());
    }

    private static void writeResponse(HttpExchange exchange, ApiResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 204 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
