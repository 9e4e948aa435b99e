package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.model.BadManifests;
import dev.greeting.model.BadManifests.Bad;
import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input behind a cluster that did not validate it (the CRUD mock admits anything, as an older
 * CRD would): every bad manifest of the admission table that the typed model can hold reaches the
 * operator, which marks each Ready=False InvalidSpec naming the fields, writes nothing to AWS for
 * any of them, and keeps serving: a good resource created among them converges as the first did.
 * {@link BadInputOnRealServerTest} sends the whole table through a real kube-apiserver.
 */
class BadInputTest {

    @Test
    void everyBadSpecIsInvalidSpecWithNoAwsWriteWhileAGoodOneConverges() {
        List<Bad> bads = BadManifests.all().stream().filter(Bad::modelled).toList();
        assertThat(bads).as("bad manifests the model can hold").hasSizeGreaterThanOrEqualTo(25);
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.emulator.counters().reset();
            h.create(greetingApi("good-1", function, s -> { }));
            h.awaitReady("good-1");
            long writesForOne = h.writes();
            System.out.println("first good resource: " + h.emulator.counters().callSnapshot());
            h.emulator.counters().reset();

            List<String> names = new ArrayList<>();
            for (int i = 0; i < bads.size(); i++) {
                String name = "bad-" + i;
                names.add(name);
                h.createUnderAnOlderCrd(typed(bads.get(i).manifest(), name));
                if (i == bads.size() / 2) {
                    h.create(greetingApi("good-2", function, s -> s.setPath("two")));
                }
            }

            for (int i = 0; i < bads.size(); i++) {
                Bad bad = bads.get(i);
                Condition c = h.awaitNotReady(names.get(i), GreetingApiReconciler.INVALID_SPEC);
                for (String field : bad.fields()) {
                    assertThat(c.getMessage()).as("%s: the message names %s", bad.name(), field).contains(field);
                }
            }
            h.awaitReady("good-2");
            System.out.printf("bad input behind no admission: %d bad specs, all InvalidSpec; AWS writes %d (one good "
                    + "resource takes %d)%n", bads.size(), h.writes(), writesForOne);
            System.out.println("bad specs and the second good resource: " + h.emulator.counters().callSnapshot());
            assertThat(h.writes()).as("AWS writes: only the good resource's").isEqualTo(writesForOne);
            assertThat(h.calls("CreateRestApi")).isEqualTo(1);
        }
    }

    static GreetingApi typed(ObjectNode manifest, String name) {
        ObjectNode copy = manifest.deepCopy();
        copy.with("metadata").put("name", name);
        copy.with("metadata").remove("namespace");
        return Serialization.unmarshal(copy.toString(), GreetingApi.class);
    }
}
