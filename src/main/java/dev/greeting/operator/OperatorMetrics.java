package dev.greeting.operator;

import dev.greeting.aws.AwsCallListener;
import dev.greeting.aws.AwsService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's Prometheus metrics, in one registry per operator. No label names a resource:
 * with thousands of GreetingApis, per-resource series would swamp Prometheus. Labels are the
 * controller, the AWS service, operation and outcome (an AWS error code), and a status reason:
 * all bounded sets.
 */
public final class OperatorMetrics implements AutoCloseable {
    public static final String PREFIX = "greeting_operator_";
    static final String AWS_CALLS = "greeting_operator_aws_calls";
    static final String QUOTA_WAIT = "greeting_operator_aws_quota_wait";
    static final String RESOURCE_ERRORS = "greeting_operator_resource_errors";
    static final String LEADER = "greeting_operator_leader";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger leader = new AtomicInteger();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ReconcileMetrics reconcile = new ReconcileMetrics(registry);

    public OperatorMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder(LEADER, leader, AtomicInteger::get)
                .description("1 while this replica holds the leader-election Lease (or runs without election), else 0")
                .register(registry);
    }

    /** JOSDK's hook: reconciliations started, succeeded and failed, and their duration, per controller. */
    public ReconcileMetrics reconciliations() {
        return reconcile;
    }

    /** The AWS adapter's hook: calls by service, operation and outcome, and quota waits. */
    public AwsCallListener awsCalls() {
        return new AwsCallListener() {
            @Override
            public void waitedForQuota(AwsService service, String operation, Duration waited) {
                Timer.builder(QUOTA_WAIT)
                        .description("Time an AWS call waited for a slot under the operator's quotas before going out")
                        .tags("service", serviceLabel(service), "operation", operation)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(1))
                        .register(registry)
                        .record(waited);
            }

            @Override
            public void completed(AwsService service, String operation, String outcome) {
                Counter.builder(AWS_CALLS)
                        .description("AWS calls (each attempt), by outcome: success, throttled, or AWS's error code")
                        .tags("service", serviceLabel(service), "operation", operation, "outcome", outcome)
                        .register(registry)
                        .increment();
            }
        };
    }

    /** AWS's service ids: apigateway, lambda. */
    static String serviceLabel(AwsService service) {
        return service.name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
    }

    /** A reconcile ended with {@code Ready=False} for this reason (an AWS error, an invalid spec). */
    public void resourceError(String reason) {
        Counter.builder(RESOURCE_ERRORS)
                .description("Reconciles that left a GreetingApi not ready, by the Ready condition's reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Whether this replica leads (always true without leader election). */
    public void leading(boolean isLeader) {
        leader.set(isLeader ? 1 : 0);
    }

    public boolean isLeading() {
        return leader.get() == 1;
    }

    /** Everything, in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
