package dev.greeting.reconcile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the operator marks what it deploys: a deployment's description records the configuration
 * hash it snapshots; a stage's description says the operator created it (so a renamed stage can
 * be recognised as stale without touching stages someone else added).
 */
public final class DeploymentMarker {
    public static final String STAGE_DESCRIPTION = "Managed by greeting-operator";
    private static final String PREFIX = "greeting-operator config ";
    private static final Pattern HASH = Pattern.compile("^" + Pattern.quote(PREFIX) + "([0-9a-f]{8,64})$");

    private DeploymentMarker() {
    }

    public static String deploymentDescription(String configHash) {
        return PREFIX + configHash;
    }

    /** The hash a deployment's description records, or null when it was not deployed by the operator. */
    public static String hashFrom(String description) {
        if (description == null) {
            return null;
        }
        Matcher m = HASH.matcher(description);
        return m.matches() ? m.group(1) : null;
    }

    public static boolean isManagedStage(ObservedState.Stage stage) {
        return STAGE_DESCRIPTION.equals(stage.description());
    }
}
