package dev.greeting.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Conditions as the Kubernetes API conventions (and kstatus) read them: one entry per type, whose
 * {@code lastTransitionTime} moves only when its status changes.
 *
 * <p>{@link #READY} has normal polarity (True is good). {@link #RECONCILING} and {@link #STALLED}
 * have kstatus' "abnormal-true" polarity: present and True only while the operator is still
 * converging (kstatus: InProgress) or stuck on something only a person can fix (kstatus: Failed),
 * and removed otherwise, as Flux's own controllers do.
 */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private Conditions() {
    }

    /** The list with {@code type} set; the entry keeps its transition time when the status is unchanged. */
    public static List<Condition> set(List<Condition> existing, String type, boolean status, String reason,
                                      String message, long observedGeneration, Instant now) {
        return set(existing, type, status ? TRUE : FALSE, reason, message, observedGeneration, now);
    }

    /** The same with a status of True, False or Unknown. */
    public static List<Condition> set(List<Condition> existing, String type, String statusText, String reason,
                                      String message, long observedGeneration, Instant now) {
        List<Condition> result = new ArrayList<>();
        Condition previous = null;
        for (Condition c : existing == null ? List.<Condition>of() : existing) {
            if (type.equals(c.getType())) {
                previous = c;
            } else {
                result.add(c);
            }
        }
        String transition = previous != null && statusText.equals(previous.getStatus()) && previous.getLastTransitionTime() != null
                ? previous.getLastTransitionTime()
                : now.truncatedTo(ChronoUnit.SECONDS).toString();
        Condition updated = new ConditionBuilder()
                .withType(type)
                .withStatus(statusText)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(observedGeneration)
                .withLastTransitionTime(transition)
                .build();
        int index = previous == null ? result.size() : Math.min(indexOf(existing, previous), result.size());
        result.add(index, updated);
        return result;
    }

    /** The list without {@code type}. */
    public static List<Condition> remove(List<Condition> existing, String type) {
        List<Condition> result = new ArrayList<>();
        for (Condition c : existing == null ? List.<Condition>of() : existing) {
            if (!type.equals(c.getType())) {
                result.add(c);
            }
        }
        return result;
    }

    public static Condition find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        Condition c = find(conditions, type);
        return c != null && "True".equals(c.getStatus());
    }

    /** Whether two conditions say the same, ignoring the transition time. */
    public static boolean sameState(Condition a, Condition b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.getStatus(), b.getStatus()) && Objects.equals(a.getReason(), b.getReason())
                && Objects.equals(a.getMessage(), b.getMessage());
    }

    private static int indexOf(List<Condition> list, Condition c) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == c) {
                return i;
            }
        }
        return list.size();
    }
}
