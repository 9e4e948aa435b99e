package dev.greeting.sandbox;

import dev.greeting.aws.ErrorClassifier;
import dev.greeting.model.GreetingApi;
import dev.greeting.operator.GreetingApiReconciler;
import dev.greeting.reconcile.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Waits for one GreetingApi to converge: Ready=True for its current generation, or a failure worth stopping for. */
public final class Convergence {
    /**
     * Ready=False reasons that waiting will not clear in the sandbox: an invalid spec or request (only
     * a spec change helps), and a function or permission that is not there (the operator retries
     * those, but in the sandbox nobody will create them while we wait).
     */
    static final Set<String> FAILURES = Set.of(GreetingApiReconciler.INVALID_SPEC, ErrorClassifier.INVALID_REQUEST,
            ErrorClassifier.FUNCTION_NOT_FOUND, ErrorClassifier.ACCESS_DENIED);

    private Convergence() {
    }

    public enum State { READY, FAILED, TIMED_OUT, GONE }

    /** Where the resource ended up; {@code ready} is its Ready condition then (null if none yet). */
    public record Outcome(State state, GreetingApi resource, Condition ready) {
        public boolean isReady() {
            return state == State.READY;
        }

        public String invokeUrl() {
            return resource == null || resource.getStatus() == null ? null : resource.getStatus().getInvokeUrl();
        }

        /** Why it is not ready, in a sentence. */
        public String explanation() {
            String condition = ready == null ? "no Ready condition yet"
                    : "Ready=" + ready.getStatus() + " " + ready.getReason() + ": " + ready.getMessage();
            return switch (state) {
                case READY -> condition;
                case FAILED -> condition;
                case TIMED_OUT -> "not Ready in time (" + condition + ")";
                case GONE -> "the resource was deleted";
            };
        }
    }

    /** Waits at most {@code timeout}. */
    public static Outcome await(KubernetesClient client, String namespace, String name, Duration timeout) {
        AtomicReference<GreetingApi> last = new AtomicReference<>();
        var resource = client.resources(GreetingApi.class).inNamespace(namespace).withName(name);
        try {
            GreetingApi done = resource.waitUntilCondition(r -> {
                last.set(r);
                return r == null || classify(r) != null;
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (done == null) {
                return new Outcome(State.GONE, last.get(), null);
            }
            return new Outcome(classify(done), done, ready(done));
        } catch (KubernetesClientTimeoutException e) {
            GreetingApi seen = last.get() != null ? last.get() : resource.get();
            return new Outcome(State.TIMED_OUT, seen, seen == null ? null : ready(seen));
        }
    }

    /** READY or FAILED when the status speaks for the current generation, else null (still converging). */
    static State classify(GreetingApi resource) {
        Condition ready = ready(resource);
        if (ready == null || !Objects.equals(resource.getMetadata().getGeneration(), ready.getObservedGeneration())) {
            return null;
        }
        if ("True".equals(ready.getStatus())) {
            return State.READY;
        }
        return "False".equals(ready.getStatus()) && FAILURES.contains(ready.getReason()) ? State.FAILED : null;
    }

    static Condition ready(GreetingApi resource) {
        return resource.getStatus() == null ? null : Conditions.find(resource.getStatus().getConditions(), Conditions.READY);
    }
}
