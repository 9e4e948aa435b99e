package dev.greeting.operator;

import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a GreetingApi (what {@code kubectl describe} shows). Never fails a reconcile. */
public final class EventRecorder {
    public static final String COMPONENT = "greeting-operator";
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void normal(GreetingApi resource, String reason, String message) {
        record(resource, "Normal", reason, message);
    }

    public void warning(GreetingApi resource, String reason, String message) {
        record(resource, "Warning", reason, message);
    }

    private void record(GreetingApi resource, String type, String reason, String message) {
        var meta = resource.getMetadata();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(meta.getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                    .withNamespace(meta.getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
                        .withName(meta.getName()).withNamespace(meta.getNamespace())
                        .withUid(meta.getUid()).withResourceVersion(meta.getResourceVersion()).build())
                .withType(type)
                .withReason(reason)
                .withMessage(truncate(message))
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(meta.getNamespace()).resource(event).create();
        } catch (RuntimeException e) {
            LOG.warn("could not record event {} on {}/{}: {}", reason, meta.getNamespace(), meta.getName(), e.toString());
        }
        LOG.info("{}/{} {} {}: {}", meta.getNamespace(), meta.getName(), type.toLowerCase(Locale.ROOT), reason, message);
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 1024 ? message : message.substring(0, 1021) + "...";
    }
}
