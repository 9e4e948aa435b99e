package dev.greeting.aws;

import dev.greeting.reconcile.ApiRefs;
import dev.greeting.reconcile.DesiredState;
import dev.greeting.reconcile.ObservedState;
import dev.greeting.reconcile.Plan;
import dev.greeting.reconcile.ServingCheck;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/**
 * The operator's only door to AWS: observe a GreetingApi's API, apply a plan, delete. All calls
 * share one {@link CallScheduler}, so all resources together stay within AWS's quotas.
 */
public final class AwsAdapter implements AutoCloseable {
    private final AwsSettings settings;
    private final AwsClients clients;
    private final CallScheduler scheduler;
    private final AwsCalls calls;
    private final ApiObserver observer;
    private final PlanExecutor executor;
    /** UIDs whose API this process created or adopted: only a fresh listing can find those by tag. */
    private final java.util.Set<String> createSent = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public AwsAdapter(AwsSettings settings) {
        this(settings, AwsCallListener.NONE);
    }

    /** @param listener told of every call's quota wait and outcome (metrics) */
    public AwsAdapter(AwsSettings settings, AwsCallListener listener) {
        this.settings = settings;
        this.clients = new AwsClients(settings);
        this.scheduler = new CallScheduler(settings.quotas(), settings.maxQuotaWait(), listener);
        this.calls = new AwsCalls(clients, scheduler);
        DeploymentHashes hashes = new DeploymentHashes(calls);
        this.observer = new ApiObserver(calls, hashes, createSent);
        this.executor = new PlanExecutor(calls, hashes, createSent);
    }

    public AwsSettings settings() {
        return settings;
    }

    public CallScheduler scheduler() {
        return scheduler;
    }

    /**
     * What AWS has for the resource.
     *
     * @param knownRestApiId the API id from status, or null to look the API up by UID tag
     * @param readAttributes also read the API's name and tags (after a spec change)
     */
    public ObservedState observe(DesiredState desired, String knownRestApiId, boolean readAttributes) {
        return CallScheduler.onBehalfOf(desired.uid(), () -> observer.observe(desired, knownRestApiId, readAttributes));
    }

    /**
     * The UID of the resource the operator made an API for under this namespace/name (the API's
     * UID tag, found by its resource tag), or null: lets {@code plan} match a manifest that carries no UID.
     */
    public String findUidByResource(String region, String namespace, String name) {
        return observer.uidOfResource(region, namespace + "/" + name);
    }

    /**
     * The tags of the REST API with this id, or null when the region has none (one GetRestApi): what
     * {@link dev.greeting.reconcile.Adoption#decide} needs to know about an API a resource asks to adopt.
     */
    public java.util.Map<String, String> tagsOf(String region, String restApiId, String uid) {
        return CallScheduler.onBehalfOf(uid, () -> {
            RestApi api = observer.getRestApi(region, restApiId);
            return api == null ? null : api.tags() == null ? java.util.Map.<String, String>of() : api.tags();
        });
    }

    /**
     * The resource adopts an API: the UID tag it gets now is not in the listing this process took at
     * its start, so a later lookup by tag (should the status lose the id) must list afresh.
     */
    public void adopting(String uid) {
        createSent.add(uid);
    }

    /** Runs the plan; {@code progress} tells what was done even when a call fails half-way. */
    public void apply(DesiredState desired, ObservedState observed, Plan plan, Progress progress) {
        CallScheduler.onBehalfOf(desired.uid(), () -> {
            executor.execute(desired, observed, plan, progress);
            return null;
        });
    }

    /** The ids and URL the status reports once the plan has run. */
    public ApiRefs refs(DesiredState desired, ObservedState observed, Progress progress) {
        String apiId = progress.restApiId() != null ? progress.restApiId() : observed.restApiId();
        if (apiId == null) {
            return ApiRefs.NONE;
        }
        String resourceId = progress.resourceId(desired.resourcePath());
        if (resourceId == null) {
            resourceId = observed.resource(desired.resourcePath()).map(ObservedState.Resource::id).orElse(null);
        }
        String deploymentId = progress.deploymentId();
        if (deploymentId == null) {
            deploymentId = observed.stage(desired.stage()).map(ObservedState.Stage::deploymentId).orElse(null);
        }
        return new ApiRefs(apiId, resourceId, deploymentId, invokeUrl(desired, apiId), desired.region());
    }

    public String invokeUrl(DesiredState desired, String restApiId) {
        return settings.invokeUrl(restApiId, desired.region(), desired.stage(), desired.resourcePath());
    }

    /**
     * Deletes the resource's REST API: the one in status, else the one tagged with its UID.
     *
     * @return whether an API was deleted (false: there was none, or it was already gone)
     */
    public boolean deleteApi(String region, String knownRestApiId, String uid) {
        return CallScheduler.onBehalfOf(uid, () -> deleteApiFor(region, knownRestApiId, uid));
    }

    private boolean deleteApiFor(String region, String knownRestApiId, String uid) {
        String apiId = knownRestApiId;
        if (apiId == null) {
            RestApi found = observer.findByUid(region, uid);
            apiId = found == null ? null : found.id();
        }
        if (apiId == null) {
            return false;
        }
        String id = apiId;
        return calls.apiGatewayUnlessGone(region, "DeleteRestApi", c -> c.deleteRestApi(b -> b.restApiId(id)));
    }

    /**
     * Calls the GET method once through TestInvokeMethod (the integration runs for real: permission,
     * mapping template, function), through the scheduler like every other call. TestInvokeMethod has
     * no quota of its own; it counts against API Gateway's account-wide management bucket.
     */
    public ServingCheck.Answer testInvoke(DesiredState desired, String restApiId, String resourceId) {
        var answer = calls.apiGateway(desired.region(), "TestInvokeMethod", c -> c.testInvokeMethod(b -> b
                .restApiId(restApiId).resourceId(resourceId).httpMethod(DesiredState.HTTP_METHOD)
                .pathWithQueryString(ServingCheck.pathWithQuery(desired))));
        return new ServingCheck.Answer(answer.status() == null ? 0 : answer.status(), answer.body(), answer.log(),
                answer.latency() == null ? 0 : answer.latency());
    }

    /** Removes the resource's statement from the function's policy; a missing one is fine. */
    public void removePermission(String functionArn, String statementId) {
        CallScheduler.onBehalfOf(statementId, () -> {
            executor.removePermission(functionArn, statementId);
            return null;
        });
    }

    @Override
    public void close() {
        clients.close();
    }
}
