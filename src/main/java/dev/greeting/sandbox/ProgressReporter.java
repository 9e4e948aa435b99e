package dev.greeting.sandbox;

import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
        Condition ready = Convergence.ready(resource);
        String line;
        if (resource.getMetadata().getDeletionTimestamp() != null) {
            line = "deleting (the operator removes the REST API, then the finalizer)";
        } else if (ready == null) {
            line = "generation " + resource.getMetadata().getGeneration() + ", waiting for the operator";
        } else {
            String url = resource.getStatus().getInvokeUrl();
            line = "Ready=" + ready.getStatus() + " " + ready.getReason()
                    + ("True".equals(ready.getStatus()) || ready.getMessage() == null ? "" : ": " + ready.getMessage())
                    + ("True".equals(ready.getStatus()) && url != null ? " " + url : "");
        }
        if (!line.equals(lastState.put(key(resource), line))) {
            out.accept(key(resource) + ": " + line);
        }
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
