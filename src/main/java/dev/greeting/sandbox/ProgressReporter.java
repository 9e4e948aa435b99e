package dev.greeting.sandbox;

import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells what happens to GreetingApis as it happens: one line per Ready transition (status, reason,
 * message, URL) and per Event the operator records (Created, Deployed, warnings), in every
 * namespace, including resources applied later with kubectl.
 */
public final class ProgressReporter implements AutoCloseable {
    private final Consumer<String> out;
    private final Map<String, String> lastState = new ConcurrentHashMap<>();
    private final SharedIndexInformer<GreetingApi> resources;
    private final SharedIndexInformer<Event> events;

    private ProgressReporter(KubernetesClient client, Consumer<String> out) {
        this.out = out;
        this.resources = client.resources(GreetingApi.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GreetingApi r) {
                changed(r);
            }

            @Override
            public void onUpdate(GreetingApi before, GreetingApi after) {
                changed(after);
            }

            @Override
            public void onDelete(GreetingApi r, boolean unknownFinalState) {
                lastState.remove(key(r));
                out.accept(key(r) + ": deleted");
            }
        });
        this.events = client.v1().events().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Event e) {
                event(e);
            }

            @Override
            public void onUpdate(Event before, Event after) {
                if (!Objects.equals(before.getCount(), after.getCount())) {
                    event(after);
                }
            }

            @Override
            public void onDelete(Event e, boolean unknownFinalState) {
            }
        });
    }

    /** Starts reporting to {@code out} (called from the informers' thread). */
    public static ProgressReporter start(KubernetesClient client, Consumer<String> out) {
        return new ProgressReporter(client, out);
    }

    private void changed(GreetingApi resource) {
        String line = describe(resource);
        if (!line.equals(lastState.put(key(resource), line))) {
            out.accept(key(resource) + ": " + line);
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Waits (at most {@code max}) until this state of the resource has been reported, so that what
     * the caller prints next comes after it.
     */
    public synchronized void awaitReported(GreetingApi resource, Duration max) {
        String expected = describe(resource);
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (!expected.equals(lastState.get(key(resource)))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(GreetingApi resource) {
        Condition ready = Convergence.ready(resource);
        if (resource.getMetadata().getDeletionTimestamp() != null) {
            return "deleting (the operator removes the REST API, then the finalizer)";
        }
        if (ready == null) {
            return "generation " + resource.getMetadata().getGeneration() + ", waiting for the operator";
        }
        String url = resource.getStatus().getInvokeUrl();
        boolean isReady = "True".equals(ready.getStatus());
        return "Ready=" + ready.getStatus() + " " + ready.getReason()
                + (isReady || ready.getMessage() == null ? "" : ": " + ready.getMessage())
                + (isReady && url != null ? " " + url : "");
    }

    private void event(Event e) {
        if (e.getInvolvedObject() == null || !"GreetingApi".equals(e.getInvolvedObject().getKind())) {
            return;
        }
        out.accept(e.getInvolvedObject().getNamespace() + "/" + e.getInvolvedObject().getName() + ": event "
                + ("Warning".equals(e.getType()) ? "(warning) " : "") + e.getReason() + ": " + e.getMessage());
    }

    private static String key(GreetingApi r) {
        return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
    }

    @Override
    public void close() {
        resources.close();
        events.close();
    }
}
