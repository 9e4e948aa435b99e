package dev.greeting.bench;

import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the GreetingApis of one namespace (an informer, so a thousand objects are not listed over
 * and over) and notes when each first became Ready for its generation, which are Stalled (gave up
 * until a person acts) and which are gone; {@link #readyTimes()} gives the Ready curve.
 */
public final class ReadyTracker implements AutoCloseable {
    private final SharedIndexInformer<GreetingApi> informer;
    private final long originNanos;
    private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();
    private final Set<String> present = ConcurrentHashMap.newKeySet();
    private volatile long lastGoneNanos;

    public ReadyTracker(KubernetesClient client, String namespace, long originNanos) {
        this.originNanos = originNanos;
        this.informer = client.resources(GreetingApi.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GreetingApi api) {
                seen(api);
            }

            @Override
            public void onUpdate(GreetingApi before, GreetingApi after) {
                seen(after);
            }

            @Override
            public void onDelete(GreetingApi api, boolean unknownFinalState) {
                present.remove(api.getMetadata().getName());
                lastGoneNanos = System.nanoTime();
            }
        }, 0);
    }

    private void seen(GreetingApi api) {
        String name = api.getMetadata().getName();
        present.add(name);
        if (api.getStatus() == null || api.getStatus().getConditions() == null) {
            return;
        }
        Long generation = api.getMetadata().getGeneration();
        for (Condition c : api.getStatus().getConditions()) {
            boolean current = generation == null || generation.equals(c.getObservedGeneration());
            if ("Ready".equals(c.getType()) && "True".equals(c.getStatus()) && current) {
                readyAt.putIfAbsent(name, System.nanoTime());
                stalled.remove(name);
            }
            if ("Stalled".equals(c.getType()) && "True".equals(c.getStatus())) {
                stalled.add(name);
            }
        }
    }

    public int ready() {
        return readyAt.size();
    }

    public int present() {
        return present.size();
    }

    public Set<String> stalled() {
        return Set.copyOf(stalled);
    }

    /** Seconds from the origin at which each API became Ready, sorted. */
    public List<Double> readyTimes() {
        List<Double> times = new ArrayList<>();
        readyAt.values().forEach(t -> times.add((t - originNanos) / 1e9));
        times.sort(Double::compare);
        return times;
    }

    /** Seconds from {@code fromNanos} to the last deletion seen. */
    public double lastGoneSince(long fromNanos) {
        return (lastGoneNanos - fromNanos) / 1e9;
    }

    @Override
    public void close() {
        informer.close();
    }
}
