package dev.greeting.reconcile;

import dev.greeting.model.GreetingApiStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The status a reconcile should leave, computed from the previous one: the operator compares
 * the two and writes nothing when they are equal.
 */
public final class StatusUpdate {
    public static final String REASON_DEPLOYED = "Deployed";

    private StatusUpdate() {
    }

    public static GreetingApiStatus ready(GreetingApiStatus previous, long generation, ApiRefs refs, String message,
                                          Instant now) {
        return build(previous, generation, refs, true, REASON_DEPLOYED, message, now);
    }

    /** Not ready; ids already known are kept so that a later reconcile (or a delete) finds the API. */
    public static GreetingApiStatus notReady(GreetingApiStatus previous, long generation, ApiRefs refs, String reason,
                                             String message, Instant now) {
        return build(previous, generation, refs.orElse(refsOf(previous)), false, reason, message, now);
    }

    public static ApiRefs refsOf(GreetingApiStatus status) {
        if (status == null) {
            return ApiRefs.NONE;
        }
        return new ApiRefs(status.getRestApiId(), status.getResourceId(), status.getDeploymentId(), status.getInvokeUrl());
    }

    public static boolean same(GreetingApiStatus a, GreetingApiStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(refsOf(a), refsOf(b))
                && Objects.equals(nullToEmpty(a.getConditions()), nullToEmpty(b.getConditions()));
    }

    private static GreetingApiStatus build(GreetingApiStatus previous, long generation, ApiRefs refs, boolean ready,
                                           String reason, String message, Instant now) {
        GreetingApiStatus status = new GreetingApiStatus();
        status.setObservedGeneration(generation);
        status.setRestApiId(refs.restApiId());
        status.setResourceId(refs.resourceId());
        status.setDeploymentId(refs.deploymentId());
        status.setInvokeUrl(refs.invokeUrl());
        List<Condition> conditions = previous == null ? List.of() : previous.getConditions();
        status.setConditions(new ArrayList<>(Conditions.set(conditions, Conditions.READY, ready, reason, message,
                generation, now)));
        return status;
    }

    private static List<Condition> nullToEmpty(List<Condition> conditions) {
        return conditions == null ? List.of() : conditions;
    }
}
