package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes from {@code /metrics} after real reconciles, over HTTP on a free
 * loopback port, parsed as Prometheus' text format; and the two probes.
 */
class MetricsEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsAfterAReconcileAndAFailure() throws Exception {
        try (OperatorHarness h = OperatorHarness.start();
             HealthServer server = HealthServer.start(InetAddress.getLoopbackAddress().getHostAddress(), 0, h.operator())) {
            h.create(greetingApi("hello-world", h.createFunction("HelloWorld"), s -> { }));
            h.awaitReady("hello-world");
            h.create(greetingApi("orphan", OperatorHarness.functionArn("Missing"), s -> { }));
            h.awaitNotReady("orphan", "FunctionNotFound");

            HttpResponse<String> response = get(server, "/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            PrometheusText metrics = PrometheusText.parse(response.body());

            assertThat(metrics.types).containsEntry("greeting_operator_reconciliations_started_total", "counter")
                    .containsEntry("greeting_operator_reconciliations_succeeded_total", "counter")
                    .containsEntry("greeting_operator_aws_calls_total", "counter")
                    .containsEntry("greeting_operator_aws_quota_wait_seconds", "histogram")
                    .containsEntry("greeting_operator_resource_errors_total", "counter")
                    .containsEntry("greeting_operator_leader", "gauge")
                    .containsKeys("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds");

            Map<String, String> controller = Map.of("controller", GreetingApiReconciler.NAME);
            assertThat(metrics.sum("greeting_operator_reconciliations_started_total", controller)).isGreaterThanOrEqualTo(2);
            assertThat(metrics.sum("greeting_operator_reconciliations_succeeded_total", controller)).isGreaterThanOrEqualTo(2);
            assertThat(metrics.sum("greeting_operator_leader", Map.of())).isEqualTo(1);

            // Every AWS call the emulator answered is counted once, with its outcome.
            assertThat(metrics.sum("greeting_operator_aws_calls_total",
                    Map.of("service", "apigateway", "operation", "CreateRestApi", "outcome", "success")))
                    .isEqualTo(h.calls("CreateRestApi"));
            assertThat(metrics.sum("greeting_operator_aws_calls_total",
                    Map.of("service", "apigateway", "operation", "CreateDeployment", "outcome", "success")))
                    .isEqualTo(h.calls("CreateDeployment")).isPositive();
            assertThat(metrics.named("greeting_operator_aws_calls_total"))
                    .anySatisfy(s -> assertThat(s.labels()).containsEntry("service", "lambda")
                            .containsEntry("outcome", "ResourceNotFoundException"));
            assertThat(metrics.sum("greeting_operator_resource_errors_total", Map.of("reason", "FunctionNotFound")))
                    .isGreaterThanOrEqualTo(1);
            // Each call took a slot under its quotas: the wait histogram counted it.
            assertThat(metrics.sum("greeting_operator_aws_quota_wait_seconds_count",
                    Map.of("service", "apigateway", "operation", "CreateRestApi")))
                    .isEqualTo(h.calls("CreateRestApi"));

            // No per-resource series: no label names or carries a resource.
            Set<String> resourceLabels = Set.of("name", "namespace", "resource", "resource_name", "uid");
            for (PrometheusText.Sample sample : metrics.samples) {
                if (sample.name().startsWith(OperatorMetrics.PREFIX)) {
                    assertThat(sample.labels().keySet()).as(sample.name()).doesNotContainAnyElementsOf(resourceLabels);
                    assertThat(sample.labels().values()).as(sample.name()).doesNotContain("hello-world", "orphan", h.namespace());
                }
            }

            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void probesFailOnceTheOperatorIsStopped() throws Exception {
        try (OperatorHarness h = OperatorHarness.start();
             HealthServer server = HealthServer.start(InetAddress.getLoopbackAddress().getHostAddress(), 0, h.operator())) {
            await().atMost(OperatorHarness.TIMEOUT).until(() -> get(server, "/healthz").statusCode() == 200);
            h.operator().close();
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(503);
        }
    }

    private HttpResponse<String> get(HealthServer server, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port() + path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
