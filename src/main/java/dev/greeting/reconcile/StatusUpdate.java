package dev.greeting.reconcile;

import dev.greeting.model.GreetingApiStatus;
import dev.greeting.model.ServingCheckRecord;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The status a reconcile should leave, computed from the previous one: the operator compares
 * the two and writes nothing when they are equal. Each status says the same thing three ways,
 * for people and Argo CD ({@code Ready}) and for kstatus ({@code Reconciling}, {@code Stalled}):
 *
 * <ul>
 *   <li>converging: {@code Ready=Unknown}, {@code Reconciling=True} (kstatus InProgress)</li>
 *   <li>deployed: {@code Ready=True}, neither of the others (kstatus Current)</li>
 *   <li>a transient failure, retried soon: {@code Ready=False}, {@code Reconciling=True} (InProgress)</li>
 *   <li>a failure only a person can fix: {@code Ready=False}, {@code Stalled=True} (kstatus Failed)</li>
 * </ul>
 */
public final class StatusUpdate {
    public static final String REASON_DEPLOYED = "Deployed";
    public static final String REASON_RECONCILING = "Reconciling";

    /** Whether a failure passes by itself or needs a person. */
    public enum Failure {
        /** Retried soon (throttling, 5xx, a conflict): the resource is still on its way. */
        TRANSIENT,
        /** Needs a spec change or an outside fix (IAM, a missing function): the resource is stuck. */
        STALLED
    }

    private StatusUpdate() {
    }

    /** The first status of a new generation, written before any AWS call. */
    public static GreetingApiStatus reconciling(GreetingApiStatus previous, long generation, String message,
                                                Instant now) {
        GreetingApiStatus status = base(generation, refsOf(previous), previous);
        List<Condition> conditions = conditionsOf(previous);
        conditions = Conditions.set(conditions, Conditions.READY, Conditions.UNKNOWN, REASON_RECONCILING, message,
                generation, now);
        conditions = Conditions.set(conditions, Conditions.RECONCILING, Conditions.TRUE, REASON_RECONCILING, message,
                generation, now);
        status.setConditions(new ArrayList<>(Conditions.remove(conditions, Conditions.STALLED)));
        return status;
    }

    public static GreetingApiStatus ready(GreetingApiStatus previous, long generation, ApiRefs refs, String message,
                                          Instant now) {
        GreetingApiStatus status = base(generation, refs, previous);
        List<Condition> conditions = Conditions.set(conditionsOf(previous), Conditions.READY, Conditions.TRUE,
                REASON_DEPLOYED, message, generation, now);
        conditions = Conditions.remove(conditions, Conditions.RECONCILING);
        status.setConditions(new ArrayList<>(Conditions.remove(conditions, Conditions.STALLED)));
        return status;
    }

    /**
     * Not ready; ids already known are kept so that a later reconcile (or a delete) finds the API.
     * {@code Reconciling} or {@code Stalled} carries the same reason and message as {@code Ready}.
     */
    public static GreetingApiStatus notReady(GreetingApiStatus previous, long generation, ApiRefs refs, String reason,
                                             String message, Failure failure, Instant now) {
        GreetingApiStatus status = base(generation, refs.orElse(refsOf(previous)), previous);
        List<Condition> conditions = Conditions.set(conditionsOf(previous), Conditions.READY, Conditions.FALSE, reason,
                message, generation, now);
        String on = failure == Failure.STALLED ? Conditions.STALLED : Conditions.RECONCILING;
        String off = failure == Failure.STALLED ? Conditions.RECONCILING : Conditions.STALLED;
        conditions = Conditions.set(conditions, on, Conditions.TRUE, reason, message, generation, now);
        status.setConditions(new ArrayList<>(Conditions.remove(conditions, off)));
        return status;
    }

    public static ApiRefs refsOf(GreetingApiStatus status) {
        if (status == null) {
            return ApiRefs.NONE;
        }
        return new ApiRefs(status.getRestApiId(), status.getResourceId(), status.getDeploymentId(), status.getInvokeUrl(),
                status.getRegion());
    }

    public static boolean same(GreetingApiStatus a, GreetingApiStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(refsOf(a), refsOf(b))
                && Objects.equals(a.getLastServingCheck(), b.getLastServingCheck())
                && Objects.equals(nullToEmpty(a.getConditions()), nullToEmpty(b.getConditions()));
    }

    /**
     * The status with the serving check's outcome: {@code status.lastServingCheck} and the
     * {@code Serving} condition; a null verdict (the check is off) removes the condition.
     */
    public static GreetingApiStatus withServing(GreetingApiStatus status, ServingCheckRecord record,
                                                ServingCheck.Verdict verdict, long generation, Instant now) {
        status.setLastServingCheck(record);
        List<Condition> conditions = verdict == null
                ? Conditions.remove(status.getConditions(), ServingCheck.CONDITION)
                : Conditions.set(status.getConditions(), ServingCheck.CONDITION, verdict.serving(), verdict.reason(),
                        verdict.message(), generation, now);
        status.setConditions(new ArrayList<>(conditions));
        return status;
    }

    private static GreetingApiStatus base(long generation, ApiRefs refs, GreetingApiStatus previous) {
        GreetingApiStatus status = new GreetingApiStatus();
        status.setLastServingCheck(previous == null ? null : previous.getLastServingCheck());
        status.setObservedGeneration(generation);
        status.setRestApiId(refs.restApiId());
        status.setResourceId(refs.resourceId());
        status.setDeploymentId(refs.deploymentId());
        status.setInvokeUrl(refs.invokeUrl());
        status.setRegion(refs.region());
        return status;
    }

    private static List<Condition> conditionsOf(GreetingApiStatus previous) {
        return previous == null || previous.getConditions() == null ? List.of() : previous.getConditions();
    }

    private static List<Condition> nullToEmpty(List<Condition> conditions) {
        return conditions == null ? List.of() : conditions;
    }
}
