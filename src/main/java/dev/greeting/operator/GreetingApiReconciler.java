package dev.greeting.operator;

import dev.greeting.aws.AwsAdapter;
import dev.greeting.aws.AwsFailure;
import dev.greeting.aws.ErrorClassifier;
import dev.greeting.aws.Progress;
import dev.greeting.model.DeletionPolicy;
import dev.greeting.model.GreetingApi;
import dev.greeting.model.GreetingApiStatus;
import dev.greeting.model.ServingCheckRecord;
import dev.greeting.model.SpecRules;
import dev.greeting.reconcile.Adoption;
import dev.greeting.reconcile.ApiRefs;
import dev.greeting.reconcile.AwsAction;
import dev.greeting.reconcile.Conditions;
import dev.greeting.reconcile.DesiredState;
import dev.greeting.reconcile.FunctionArn;
import dev.greeting.reconcile.InvalidSpecException;
import dev.greeting.reconcile.ObservedState;
import dev.greeting.reconcile.Plan;
import dev.greeting.reconcile.Planner;
import dev.greeting.reconcile.RegionGuard;
import dev.greeting.reconcile.ServingCheck;
import dev.greeting.reconcile.StatusUpdate;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converges each GreetingApi: observe AWS, plan the difference, apply it, report status. The
 * status is written only when it changed; AWS failures become {@code Ready=False} with a reason,
 * an Event and a retry that suits the failure (none for what only a spec change can fix).
 */
@ControllerConfiguration(name = GreetingApiReconciler.NAME)
public final class GreetingApiReconciler implements Reconciler<GreetingApi>, Cleaner<GreetingApi> {
    public static final String NAME = "greetingapi";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String RECONCILE_ERROR = "ReconcileError";
    /** Reasons that only a spec change can clear: a resync of the same generation makes no AWS call. */
    static final Set<String> TERMINAL_REASONS = Set.of(INVALID_SPEC, ErrorClassifier.INVALID_REQUEST);
    /**
     * Every reason a {@code Ready} condition that is not True can carry while the operator is still
     * on its way (with {@code Reconciling=True}): the first reconcile, and the failures it retries soon
     * by itself. deploy/argocd/health.lua lists the same reasons as Progressing; every other reason
     * comes with {@code Stalled=True} and is Degraded there.
     */
    public static final Set<String> TRANSIENT_READY_REASONS = Set.of(StatusUpdate.REASON_RECONCILING,
            ErrorClassifier.THROTTLED, ErrorClassifier.UNAVAILABLE, ErrorClassifier.UNREACHABLE, ErrorClassifier.CONFLICT,
            ErrorClassifier.NOT_FOUND, RECONCILE_ERROR);
    private static final Logger LOG = LoggerFactory.getLogger(GreetingApiReconciler.class);

    private final AwsAdapter aws;
    private final RetryDelays retry;
    private final ServingCheck servingCheck;
    private final EventRecorder events;
    private final Clock clock;
    private final OperatorMetrics metrics;
    private final Map<String, Integer> failedAttempts = new ConcurrentHashMap<>();
    /**
     * The API and generation each resource last converged to, by UID. The informer's copy of a
     * resource can lag behind the status this operator just wrote; this memory keeps such a stale
     * copy from costing a lookup by tag (or a name/tag read) that was already done.
     */
    private final Map<String, Converged> converged = new ConcurrentHashMap<>();

    /**
     * UIDs that were given their first status: a copy from the informer that still has no status
     * (a stale cache) must not set a converged resource back to {@code Ready=Unknown}.
     */
    private final Set<String> firstStatusWritten = ConcurrentHashMap.newKeySet();

    /**
     * The last serving check of each resource, by UID: the informer's copy may not carry the
     * status.lastServingCheck this operator just wrote, and checking again for that would cost a call.
     */
    private final Map<String, ServingCheckRecord> servingChecks = new ConcurrentHashMap<>();

    private record Converged(String restApiId, long generation) {
    }

    public GreetingApiReconciler(AwsAdapter aws, RetryDelays retry, ServingCheck servingCheck, EventRecorder events,
                                 Clock clock, OperatorMetrics metrics) {
        this.servingCheck = servingCheck;
        this.metrics = metrics;
        this.aws = aws;
        this.retry = retry;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public UpdateControl<GreetingApi> reconcile(GreetingApi resource, Context<GreetingApi> context) {
        long generation = generation(resource);
        GreetingApiStatus previous = resource.getStatus();
        LOG.debug("reconciling {}/{} generation {} resourceVersion {} known API {}", resource.getMetadata().getNamespace(),
                resource.getMetadata().getName(), generation, resource.getMetadata().getResourceVersion(),
                previous == null ? null : previous.getRestApiId());
        if (isTerminal(previous, generation)) {
            return UpdateControl.noUpdate();
        }
        if (previous == null && firstStatusWritten.add(uid(resource))) {
            previous = writeFirstStatus(resource, context, generation);
        }
        DesiredState desired;
        try {
            desired = DesiredState.of(resource, aws.settings().defaultRegion());
        } catch (InvalidSpecException e) {
            return failed(resource, ApiRefs.NONE, INVALID_SPEC, e.getMessage(), null);
        }
        var moved = RegionGuard.moved(previous, desired);
        if (moved.isPresent()) {
            // Not terminal: each resync checks again (no AWS call), so restoring the region heals it.
            return failed(resource, ApiRefs.NONE, RegionGuard.REASON, moved.get(), null);
        }
        Progress progress = new Progress();
        ObservedState observed = null;
        Converged last = converged.get(uid(resource));
        String knownApi = last != null ? last.restApiId() : previous == null ? null : previous.getRestApiId();
        Adoption.Decision adoption;
        try {
            adoption = Adoption.decide(resource.getMetadata().getAnnotations(), knownApi, uid(resource), desired.region(),
                    id -> aws.tagsOf(desired.region(), id, uid(resource)));
        } catch (AwsFailure f) {
            return failed(resource, ApiRefs.NONE, f.reason(), f.getMessage(), f);
        }
        if (adoption.refuses()) {
            // Not terminal: annotations are no part of the generation, so each resync decides again.
            return failed(resource, ApiRefs.NONE, adoption.reason(), adoption.message(), null);
        }
        if (adoption.adopts()) {
            knownApi = adoption.restApiId();
            aws.adopting(uid(resource));
        }
        Plan plan = null;
        try {
            boolean statusConverged = previous != null && Objects.equals(previous.getObservedGeneration(), generation)
                    && Conditions.isTrue(previous.getConditions(), Conditions.READY);
            // An adopted API's name and tags are read: it gets the tags the operator puts on its own APIs.
            boolean readAttributes = adoption.adopts()
                    || !statusConverged && (last == null || last.generation() != generation);
            observed = aws.observe(desired, knownApi, readAttributes);
            plan = Planner.plan(desired, observed);
            if (adoption.adopts() && plan.createsApi()) {
                // Gone between the look and the read: adoption never creates an API.
                return failed(resource, ApiRefs.NONE, Adoption.REASON_NOT_FOUND, "REST API " + adoption.restApiId()
                        + " (annotation " + Adoption.ANNOTATION + ") is gone from " + desired.region()
                        + "; nothing was created", null);
            }
            boolean newlyAdopted = adoption.adopts() && observed.attributes() != null
                    && !uid(resource).equals(observed.attributes().tags().get(DesiredState.UID_TAG));
            aws.apply(desired, observed, plan, progress);
            ApiRefs refs = aws.refs(desired, observed, progress);
            if (newlyAdopted) {
                events.normal(resource, "Adopted", "Adopted REST API " + refs.restApiId() + " in " + desired.region()
                        + " (annotation " + Adoption.ANNOTATION + "); it now carries this resource's tags");
            }
            report(resource, desired, plan, refs);
            converged.put(uid(resource), new Converged(refs.restApiId(), generation));
            failedAttempts.remove(uid(resource));
            GreetingApiStatus status = StatusUpdate.ready(previous, generation, refs,
                    "Stage " + desired.stage() + " serves " + refs.invokeUrl(), clock.instant());
            return serve(resource, desired, plan, refs, previous, status, generation);
        } catch (AwsFailure f) {
            ApiRefs known = ApiRefs.api(progress.restApiId(), desired.region());
            if (observed != null) {
                ApiRefs reached = aws.refs(desired, observed, progress);
                known = new ApiRefs(reached.restApiId(), reached.resourceId(), reached.deploymentId(), null,
                        reached.region());
            }
            if (known.restApiId() != null) {
                converged.put(uid(resource), new Converged(known.restApiId(), -1));
                if (plan != null) {
                    // What was changed before the failure is not redone by the retry: report it now.
                    report(resource, desired, donePart(plan, progress), new ApiRefs(known.restApiId(), null,
                            progress.deploymentId(), null, known.region()));
                }
            }
            return failed(resource, known, f.reason(), f.getMessage(), f);
        }
    }

    /**
     * The serving check once AWS matches the spec: a TestInvokeMethod call only when
     * {@link ServingCheck#needed} says so (a new deployment, a repair, a failed check's retry time),
     * else the last check's verdict stands. Ready is True only with Serving=True (unless spec.servingCheck is false).
     */
    private UpdateControl<GreetingApi> serve(GreetingApi resource, DesiredState desired, Plan plan, ApiRefs refs,
                                             GreetingApiStatus previous, GreetingApiStatus ready, long generation) {
        Instant now = clock.instant();
        ServingCheckRecord last = ServingCheck.newer(previous == null ? null : previous.getLastServingCheck(),
                servingChecks.get(uid(resource)));
        if (Boolean.FALSE.equals(resource.getSpec().getServingCheck())) {
            return patchIfChanged(resource, StatusUpdate.withServing(ready, last, null, generation, now));
        }
        Condition before = previous == null ? null : Conditions.find(previous.getConditions(), ServingCheck.CONDITION);
        ServingCheck.Verdict verdict;
        ServingCheckRecord record;
        if (servingCheck.needed(last, refs.deploymentId(), ServingCheck.affectsServing(plan), now)) {
            ServingCheck.Answer answer;
            try {
                answer = aws.testInvoke(desired, refs.restApiId(), refs.resourceId());
            } catch (AwsFailure f) {
                return failed(resource, refs, f.reason(), f.getMessage(), f);
            }
            verdict = ServingCheck.judge(answer);
            record = ServingCheck.record(last, answer, verdict, refs.deploymentId(), now);
            servingChecks.put(uid(resource), record);
            LOG.debug("{}: serving check of deployment {}: {}", resource.getMetadata().getName(), refs.deploymentId(),
                    verdict.message());
            boolean wasServing = before != null && "True".equals(before.getStatus());
            if (!verdict.serving() && (before == null || wasServing || !verdict.reason().equals(before.getReason()))) {
                events.warning(resource, verdict.reason(), verdict.message());
            } else if (verdict.serving() && before != null && !wasServing) {
                events.normal(resource, ServingCheck.REASON_SERVING, verdict.message());
            }
        } else if (last != null) {
            verdict = ServingCheck.fromRecord(last, before == null ? null : before.getMessage(),
                    before == null ? null : before.getReason());
            record = last;
        } else {
            return patchIfChanged(resource, StatusUpdate.withServing(ready, null, null, generation, now));
        }
        if (verdict.serving()) {
            return patchIfChanged(resource, StatusUpdate.withServing(ready, record, verdict, generation, now));
        }
        metrics.resourceError(verdict.reason());
        GreetingApiStatus status = StatusUpdate.notReady(previous, generation, refs, verdict.reason(), verdict.message(),
                StatusUpdate.Failure.STALLED, now);
        UpdateControl<GreetingApi> control = patchIfChanged(resource,
                StatusUpdate.withServing(status, record, verdict, generation, now));
        Duration wait = Duration.between(now, servingCheck.nextRetry(record));
        return control.rescheduleAfter(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
    }

    @Override
    public DeleteControl cleanup(GreetingApi resource, Context<GreetingApi> context) {
        firstStatusWritten.remove(uid(resource)); // a resource being deleted is not reconciled again
        servingChecks.remove(uid(resource));
        var spec = resource.getSpec();
        if (spec != null && spec.getDeletionPolicy() == DeletionPolicy.Retain) {
            converged.remove(uid(resource));
            events.normal(resource, "Retained", "deletionPolicy Retain: the REST API and the Lambda permission are kept");
            return DeleteControl.defaultDelete();
        }
        GreetingApiStatus status = resource.getStatus();
        // Where the API was created, not where the spec (or the operator's default) points now.
        String region = status != null && status.getRegion() != null ? status.getRegion()
                : spec != null && spec.getRegion() != null ? spec.getRegion() : aws.settings().defaultRegion();
        Converged last = converged.get(uid(resource));
        String knownApi = last != null ? last.restApiId() : status == null ? null : status.getRestApiId();
        if (knownApi == null && !SpecRules.problems(spec).isEmpty()) {
            // Never valid, never reconciled into AWS: nothing to look for.
            events.normal(resource, "Deleted", "Nothing was created in AWS for this resource; released");
            return DeleteControl.defaultDelete();
        }
        try {
            boolean deleted = region != null && aws.deleteApi(region, knownApi, uid(resource));
            String functionArn = spec == null ? null : spec.getFunctionArn();
            boolean managed = spec == null || spec.getCredentialsRoleArn() == null || spec.getCredentialsRoleArn().isBlank();
            if (managed && isFunctionArn(functionArn)) {
                aws.removePermission(functionArn, DesiredState.statementIdFor(uid(resource)));
            }
            events.normal(resource, "Deleted", deleted ? "Deleted the REST API and the Lambda permission"
                    : "The REST API was already gone; released");
            failedAttempts.remove(uid(resource));
            converged.remove(uid(resource));
            return DeleteControl.defaultDelete();
        } catch (AwsFailure f) {
            int attempt = attempt(resource, f);
            if (!f.queued()) { // waiting for its turn under DeleteRestApi's 1 per 30 s is no news
                events.warning(resource, f.reason(), "Cannot delete yet: " + f.getMessage());
            }
            Duration delay = retry.after(f, attempt);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(
                    delay != null ? delay.toMillis() : retry.externalMax().toMillis());
        }
    }

    /** Anything that is not an AWS failure (a bug, the API server): JOSDK retries; the status says so. */
    @Override
    public ErrorStatusUpdateControl<GreetingApi> updateErrorStatus(GreetingApi resource, Context<GreetingApi> context,
                                                                   Exception e) {
        GreetingApiStatus previous = resource.getStatus();
        metrics.resourceError(RECONCILE_ERROR);
        GreetingApiStatus status = StatusUpdate.notReady(previous, generation(resource), ApiRefs.NONE, RECONCILE_ERROR,
                String.valueOf(e.getMessage()), StatusUpdate.Failure.TRANSIENT, clock.instant());
        if (StatusUpdate.same(previous, status)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        resource.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(resource);
    }

    private UpdateControl<GreetingApi> failed(GreetingApi resource, ApiRefs known, String reason, String message,
                                              AwsFailure failure) {
        GreetingApiStatus previous = resource.getStatus();
        Condition before = previous == null ? null : Conditions.find(previous.getConditions(), Conditions.READY);
        if (before == null || !reason.equals(before.getReason()) || !"False".equals(before.getStatus())) {
            events.warning(resource, reason, message);
        }
        if (failure == null || !failure.queued()) {
            metrics.resourceError(reason);
        }
        GreetingApiStatus status = StatusUpdate.notReady(previous, generation(resource), known, reason, message,
                failureKind(failure), clock.instant());
        UpdateControl<GreetingApi> control = patchIfChanged(resource, status);
        if (failure == null || failure.retry() == AwsFailure.Retry.NEVER) {
            failedAttempts.remove(uid(resource));
            return control;
        }
        int attempt = attempt(resource, failure);
        Duration delay = retry.after(failure, attempt);
        LOG.debug("{}: {} (attempt {}), retrying in {}", resource.getMetadata().getName(), reason, attempt, delay);
        return delay == null ? control : control.rescheduleAfter(delay);
    }

    /** Which attempt failed: a call queued for its quota is no failed attempt (its turn is booked, no backoff). */
    private int attempt(GreetingApi resource, AwsFailure failure) {
        return failure.queued() ? 1 : failedAttempts.merge(uid(resource), 1, Integer::sum);
    }

    /** Transient only when the failure passes by itself; an invalid spec (no failure) and the rest need a person. */
    static StatusUpdate.Failure failureKind(AwsFailure failure) {
        return failure != null && failure.retry() == AwsFailure.Retry.TRANSIENT
                ? StatusUpdate.Failure.TRANSIENT : StatusUpdate.Failure.STALLED;
    }

    /**
     * A new resource gets {@code Ready=Unknown, Reconciling=True} at once, before any AWS call (which
     * may wait for quotas): kstatus calls a custom resource without status Current, and a GitOps
     * rollout must not pass on that. A failure to write it is not fatal: the final status follows.
     */
    private GreetingApiStatus writeFirstStatus(GreetingApi resource, Context<GreetingApi> context, long generation) {
        var annotations = resource.getMetadata().getAnnotations();
        String message = Adoption.requested(annotations)
                ? "Adopting REST API " + annotations.get(Adoption.ANNOTATION) : "Creating the REST API";
        GreetingApiStatus first = StatusUpdate.reconciling(null, generation, message, clock.instant());
        GreetingApi patch = new GreetingApi();
        patch.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace()).build());
        patch.setStatus(first);
        try {
            context.getClient().resource(patch).patchStatus();
            resource.setStatus(first);
            return first;
        } catch (RuntimeException e) {
            LOG.warn("{}/{}: could not write the first status: {}", resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(), e.toString());
            return null;
        }
    }

    /** The actions of the plan that ran before a call failed: the executor runs them in order. */
    static Plan donePart(Plan plan, Progress progress) {
        int done = Math.min(progress.done().size(), plan.actions().size());
        return new Plan(plan.actions().subList(0, done));
    }

    private void report(GreetingApi resource, DesiredState desired, Plan plan, ApiRefs refs) {
        if (plan.isEmpty()) {
            return;
        }
        if (plan.createsApi()) {
            events.normal(resource, "Created", "Created REST API " + refs.restApiId() + " '" + desired.apiName() + "' in "
                    + desired.region());
        } else {
            String changes = plan.actions().stream()
                    .filter(a -> !(a instanceof AwsAction.CreateDeployment) && !(a instanceof AwsAction.DeleteDeployment))
                    .map(AwsAction::describe).reduce((a, b) -> a + "; " + b).orElse(null);
            if (changes != null) {
                events.normal(resource, "Updated", changes);
            }
        }
        if (plan.deploys()) {
            events.normal(resource, "Deployed", "Deployed configuration " + desired.configHash() + " to stage "
                    + desired.stage() + " as deployment " + refs.deploymentId());
        }
    }

    private static UpdateControl<GreetingApi> patchIfChanged(GreetingApi resource, GreetingApiStatus status) {
        if (StatusUpdate.same(resource.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(status);
        return UpdateControl.patchStatus(resource);
    }

    static boolean isTerminal(GreetingApiStatus status, long generation) {
        if (status == null || !Objects.equals(status.getObservedGeneration(), generation)) {
            return false;
        }
        Condition ready = Conditions.find(status.getConditions(), Conditions.READY);
        return ready != null && "False".equals(ready.getStatus()) && TERMINAL_REASONS.contains(ready.getReason());
    }

    private static boolean isFunctionArn(String arn) {
        try {
            FunctionArn.parse(arn);
            return true;
        } catch (InvalidSpecException e) {
            return false;
        }
    }

    private static long generation(GreetingApi resource) {
        Long g = resource.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }

    private static String uid(GreetingApi resource) {
        return resource.getMetadata().getUid();
    }
}
