package dev.greeting.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;

/**
 * JOSDK's {@link Metrics} with one label, the controller: JOSDK's own micrometer-support tags by
 * resource name and namespace (one series per resource) or, without that, by group/version/kind
 * but not controller. "Failed" is an exception out of the reconciler (an unexpected error);
 * AWS errors the reconciler turns into status are counted by {@link OperatorMetrics#resourceError}.
 */
public final class ReconcileMetrics implements Metrics {
    static final String STARTED = "greeting_operator_reconciliations_started";
    static final String SUCCEEDED = "greeting_operator_reconciliations_succeeded";
    static final String FAILED = "greeting_operator_reconciliations_failed";
    static final String DURATION = "greeting_operator_reconciliation_duration";
    private final MeterRegistry registry;

    ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        registry.counter(STARTED, "controller", controller(metadata)).increment();
    }

    @Override
    public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
        registry.counter(SUCCEEDED, "controller", controller(metadata)).increment();
    }

    @Override
    public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
        registry.counter(FAILED, "controller", controller(metadata), "exception",
                exception == null ? "none" : exception.getClass().getSimpleName()).increment();
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
            T result = execution.execute();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder(DURATION)
                    .description("Time spent in the reconciler (reconcile or cleanup), by controller and outcome")
                    .tags("controller", execution.controllerName(), "type", execution.name(), "outcome", outcome)
                    .register(registry));
        }
    }

    private static String controller(Map<String, Object> metadata) {
        Object name = metadata == null ? null : metadata.get(Constants.CONTROLLER_NAME);
        return name == null ? "unknown" : name.toString();
    }
}
