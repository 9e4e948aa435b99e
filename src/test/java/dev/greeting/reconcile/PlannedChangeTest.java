package dev.greeting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How plan lines read: a Put of something that exists is a change, of something missing a create. */
class PlannedChangeTest {
    private final DesiredState desired = Fixtures.desired();

    @Test
    void everyActionOfAFreshPlanIsACreate() {
        List<PlannedChange> changes = PlannedChange.of(desired, ObservedState.none(), Planner.plan(desired, ObservedState.none()));
        assertThat(changes).isNotEmpty().extracting(PlannedChange::action).containsOnly(PlannedChange.CREATE);
        assertThat(changes.get(0).object()).isEqualTo("REST API '" + desired.apiName() + "'");
    }

    @Test
    void aPutOfAnExistingIntegrationIsAChangeAndStaleThingsAreDeletes() {
        ObservedState observed = new ObservedState("api1", null, List.of(
                new ObservedState.Resource("r0", null, "/", null),
                new ObservedState.Resource("r1", "r0", desired.resourcePath(), new ObservedState.Method("NONE", false, null,
                        Map.of(desired.requestParameterKey(), false), List.of("200"),
                        new ObservedState.Integration("AWS", "POST", "arn:old", null, Map.of(), Map.of("200", ""))))),
                List.of(), Map.of(), null, null);
        PlannedChange integration = PlannedChange.of(desired, observed,
                new AwsAction.PutIntegration(desired.resourcePath(), desired.integrationUri(), null, desired.requestTemplates()));
        PlannedChange stale = PlannedChange.of(desired, observed, new AwsAction.DeleteStage("old"));
        assertThat(List.of(integration, stale)).extracting(PlannedChange::action, PlannedChange::object)
                .containsExactly(tuple(PlannedChange.CHANGE, "integration of GET " + desired.resourcePath()),
                        tuple(PlannedChange.DELETE, "stage old"));
    }
}
