package dev.greeting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.reconcile.Adoption.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The adoption decision: annotation, what the region has under that id, and whose it is. */
class AdoptionTest {
    private static final String UID = "8c5b1d2e-0000-4000-8000-000000000001";
    private static final String OTHER_UID = "8c5b1d2e-0000-4000-8000-000000000002";
    private static final String ID = "a1b2c3d4e5";
    private static final Map<String, String> ANNOTATED = Map.of(Adoption.ANNOTATION, ID);

    private final List<String> lookedUp = new ArrayList<>();

    private Function<String, Map<String, String>> region(Map<String, Map<String, String>> apis) {
        return id -> {
            lookedUp.add(id);
            return apis.get(id);
        };
    }

    @Test
    void withoutTheAnnotationNothingIsAdoptedAndNothingLookedUp() {
        assertThat(Adoption.decide(null, null, UID, "us-west-2", region(Map.of())).kind()).isEqualTo(Kind.NOT_ADOPTING);
        assertThat(Adoption.decide(Map.of("other", "x"), null, UID, "us-west-2", region(Map.of())).kind())
                .isEqualTo(Kind.NOT_ADOPTING);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void anUntaggedApiIsAdopted() {
        Adoption.Decision d = Adoption.decide(ANNOTATED, null, UID, "us-west-2", region(Map.of(ID, Map.of("team", "a"))));
        assertThat(d.kind()).isEqualTo(Kind.ADOPT);
        assertThat(d.adopts()).isTrue();
        assertThat(d.refuses()).isFalse();
        assertThat(d.restApiId()).isEqualTo(ID);
        assertThat(lookedUp).containsExactly(ID);
    }

    @Test
    void anApiAlreadyTaggedWithThisResourcesUidIsAdoptedAgain() {
        // The status lost the id after the tag was written, the annotation is still there.
        var d = Adoption.decide(ANNOTATED, null, UID, "us-west-2", region(Map.of(ID, Map.of(DesiredState.UID_TAG, UID))));
        assertThat(d.kind()).isEqualTo(Kind.ADOPT);
    }

    @Test
    void anApiOfAnotherGreetingApiIsRefused() {
        var d = Adoption.decide(ANNOTATED, null, UID, "us-west-2", region(Map.of(ID,
                Map.of(DesiredState.UID_TAG, OTHER_UID, DesiredState.RESOURCE_TAG, "default/first"))));
        assertThat(d.kind()).isEqualTo(Kind.REFUSED);
        assertThat(d.refuses()).isTrue();
        assertThat(d.reason()).isEqualTo(Adoption.REASON_REFUSED);
        assertThat(d.message()).contains(ID, OTHER_UID, "default/first", DesiredState.UID_TAG);
    }

    @Test
    void anIdTheRegionDoesNotHaveIsNotFound() {
        var d = Adoption.decide(ANNOTATED, null, UID, "eu-west-1", region(Map.of()));
        assertThat(d.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(d.reason()).isEqualTo(Adoption.REASON_NOT_FOUND);
        assertThat(d.message()).contains(ID, "eu-west-1", "nothing was created");
    }

    @Test
    void aMalformedIdIsInvalidWithoutAnyLookup() {
        for (String bad : List.of("", "  ", "A1B2C3D4E5", "abc", "a1b2c3d4e5f", "a1b2c3-4e5", "arn:aws:apigateway")) {
            var d = Adoption.decide(Map.of(Adoption.ANNOTATION, bad), null, UID, "us-west-2", region(Map.of()));
            assertThat(d.kind()).as("'%s'", bad).isEqualTo(Kind.INVALID);
            assertThat(d.reason()).isEqualTo(Adoption.REASON_INVALID);
            assertThat(d.message()).contains(Adoption.ANNOTATION);
        }
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void surroundingSpacesAreForgiven() {
        var d = Adoption.decide(Map.of(Adoption.ANNOTATION, " " + ID + "\n"), null, UID, "us-west-2",
                region(Map.of(ID, Map.of())));
        assertThat(d.kind()).isEqualTo(Kind.ADOPT);
        assertThat(d.restApiId()).isEqualTo(ID);
    }

    @Test
    void aResourceThatKnowsItsApiIgnoresTheAnnotation() {
        // Adopted (or created) before: the annotation may stay or go, it changes nothing.
        var d = Adoption.decide(Map.of(Adoption.ANNOTATION, "not an id"), "zzzzzzzzzz", UID, "us-west-2",
                region(Map.of()));
        assertThat(d.kind()).isEqualTo(Kind.NOT_ADOPTING);
        assertThat(lookedUp).isEmpty();
    }
}
