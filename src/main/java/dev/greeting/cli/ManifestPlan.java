package dev.greeting.cli;

import dev.greeting.aws.AwsAdapter;
import dev.greeting.model.GreetingApi;
import dev.greeting.reconcile.Adoption;
import dev.greeting.reconcile.DesiredState;
import dev.greeting.reconcile.ObservedState;
import dev.greeting.reconcile.Plan;
import dev.greeting.reconcile.PlannedChange;
import dev.greeting.reconcile.Planner;
import java.util.List;

/**
 * What the operator would do in AWS for one GreetingApi of a manifest, made the way its reconciler
 * makes it: {@link DesiredState} from the resource, {@link AwsAdapter#observe} (reads only), the
 * {@link Planner}. Nothing is written.
 *
 * <p>The reconciler finds a resource's API by the UID tag. A manifest that has not been applied yet
 * carries no UID, so the API is found the way a person would: by the resource tag
 * ({@code greeting.dev/resource = namespace/name}) the operator puts on every API, and its UID tag then
 * stands for the resource's UID (the permission's statement id and the tags depend on it). Found
 * neither way, the resource is new: its UID is a placeholder, and the plan creates everything, unless
 * the resource adopts an API ({@link Adoption}): the plan is then against that API.
 *
 * @param restApiId the API the plan is against, or null when it would be created
 */
record ManifestPlan(String namespace, String name, String region, String restApiId, List<PlannedChange> changes) {
    /** Stands for the UID Kubernetes will assign, in a plan for a resource that has none yet. */
    static final String UNASSIGNED_UID = "<uid>";

    static ManifestPlan of(AwsAdapter aws, GreetingApi resource) {
        var meta = resource.getMetadata();
        String uid = meta.getUid();
        boolean hasUid = uid != null && !uid.isBlank();
        // validates the spec and settles the region before anything is read
        DesiredState desired = DesiredState.of(withUid(resource, hasUid ? uid : UNASSIGNED_UID), aws.settings().defaultRegion());
        if (!hasUid) {
            String found = aws.findUidByResource(desired.region(), desired.namespace(), desired.name());
            if (found != null) {
                desired = DesiredState.of(withUid(resource, found), aws.settings().defaultRegion());
            }
        }
        // As the reconciler decides for a resource that knows no API yet: an annotated API is planned
        // against, never created; a refused adoption is an error (the operator would write nothing).
        DesiredState d = desired;
        Adoption.Decision adoption = Adoption.decide(meta.getAnnotations(), null, d.uid(), d.region(),
                id -> aws.tagsOf(d.region(), id, d.uid()));
        if (adoption.refuses()) {
            throw new IllegalArgumentException(adoption.reason() + " for GreetingApi " + d.namespace() + "/" + d.name()
                    + ": " + adoption.message());
        }
        ObservedState observed = aws.observe(desired, adoption.adopts() ? adoption.restApiId() : null, true);
        Plan plan = Planner.plan(desired, observed);
        return new ManifestPlan(desired.namespace(), desired.name(), desired.region(), observed.restApiId(),
                PlannedChange.of(desired, observed, plan));
    }

    private static GreetingApi withUid(GreetingApi resource, String uid) {
        GreetingApi copy = new GreetingApi();
        copy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder(resource.getMetadata()).withUid(uid).build());
        copy.setSpec(resource.getSpec());
        return copy;
    }

    long count(String action) {
        return changes.stream().filter(c -> c.action().equals(action)).count();
    }
}
