package dev.greeting.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The bad manifests of {@link GreetingApiAdmissionTest}'s table, for tests outside this package
 * (the operator's bad-input suite): each with the fields the API server names when it refuses it.
 */
public final class BadManifests {
    /** Refusals for what cannot be a GreetingApiSpec at all (a wrong type, an unknown field). */
    private static final Set<String> BEFORE_THE_MODEL = AdmissionAgreementTest.BEFORE_THE_MODEL;

    /**
     * One bad manifest.
     *
     * @param modelled whether the typed model can hold it (then an operator behind an older CRD sees it)
     */
    public record Bad(String name, ObjectNode manifest, Set<String> fields, boolean modelled) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BadManifests() {
    }

    public static List<Bad> all() {
        return GreetingApiAdmissionTest.bad().map(c -> new Bad(c.name(), c.manifest(),
                c.expected().stream().map(Violation::field).collect(java.util.stream.Collectors.toCollection(
                        java.util.TreeSet::new)),
                c.expected().stream().noneMatch(v -> BEFORE_THE_MODEL.contains(v.reason())))).toList();
    }
}
