package dev.greeting.reconcile;

import dev.greeting.model.GreetingApiStatus;
import java.util.Optional;

/**
 * A REST API cannot move between regions. The CRD refuses a change of {@code spec.region} at
 * admission (a CEL transition rule); this guard covers what admission cannot see: a resource
 * without {@code spec.region} whose operator's default region changed, or a resource written
 * under an older CRD. The operator then touches nothing and says why, rather than creating a
 * second API in the new region and leaving the first behind.
 */
public final class RegionGuard {
    public static final String REASON = "RegionChanged";

    private RegionGuard() {
    }

    /** Why the resource may not proceed, or empty: no API yet, or it lives in the desired region. */
    public static Optional<String> moved(GreetingApiStatus previous, DesiredState desired) {
        if (previous == null || previous.getRestApiId() == null || previous.getRegion() == null
                || previous.getRegion().equals(desired.region())) {
            return Optional.empty();
        }
        return Optional.of("REST API " + previous.getRestApiId() + " lives in " + previous.getRegion()
                + " but the resource now resolves to " + desired.region()
                + " (spec.region or the operator's AWS region changed); a REST API cannot move: set spec.region to "
                + previous.getRegion() + ", or delete this GreetingApi (which deletes the API in "
                + previous.getRegion() + ") and create it again");
    }
}
