package dev.greeting.operator;

import static dev.greeting.operator.OperatorHarness.greetingApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.model.BadManifests;
import dev.greeting.model.BadManifests.Bad;
import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bad input through a real kube-apiserver, as {@code kubectl apply} sends it (strict field
 * validation): every bad manifest of the admission table is refused at admission, naming its
 * fields, and nothing is stored, so the operator never sees it and AWS gets no write for it; a
 * good resource created among them converges with the writes one resource takes. (The embedded
 * API server refuses the same table the same way: model/AdmissionAgreementTest.)
 */
@OnRealServer
class BadInputOnRealServerTest {

    @Test
    void everyBadManifestIsRefusedAtAdmissionNamingItsFieldsAndAwsSeesNothing() throws Exception {
        List<Bad> bads = BadManifests.all();
        assertThat(bads).hasSizeGreaterThanOrEqualTo(40);
        try (OperatorHarness h = OperatorHarness.start()) {
            String function = h.createFunction("HelloWorld");
            h.emulator.counters().reset();
            h.create(greetingApi("good-1", function, s -> { }));
            h.awaitReady("good-1");
            long writesForOne = h.writes();
            h.emulator.counters().reset();

            for (int i = 0; i < bads.size(); i++) {
                Bad bad = bads.get(i);
                HttpResponse<String> answer = post(h.client, h.namespace(), bad.manifest(), "bad-" + i);
                assertThat(answer.code()).as("%s: %s", bad.name(), answer.body()).isIn(400, 422);
                for (String field : bad.fields()) {
                    assertThat(answer.body()).as("%s: the refusal names %s", bad.name(), field).contains(field);
                }
                if (i == bads.size() / 2) {
                    h.create(greetingApi("good-2", function, s -> s.setPath("two")));
                }
            }

            h.awaitReady("good-2");
            assertThat(h.client.resources(GreetingApi.class).inNamespace(h.namespace()).list().getItems())
                    .extracting(a -> a.getMetadata().getName()).containsExactlyInAnyOrder("good-1", "good-2");
            System.out.printf("bad input through kube-apiserver: %d manifests, all refused at admission; AWS writes %d "
                    + "(one good resource takes %d)%n", bads.size(), h.writes(), writesForOne);
            assertThat(h.writes()).as("AWS writes: only the good resource's").isEqualTo(writesForOne);
        }
    }

    /** A create as kubectl apply sends it: strict field validation, so an unknown field is an error, not a warning. */
    private static HttpResponse<String> post(KubernetesClient client, String namespace, ObjectNode manifest, String name)
            throws Exception {
        ObjectNode object = manifest.deepCopy();
        object.with("metadata").put("name", name).put("namespace", namespace);
        String base = client.getMasterUrl().toString().replaceFirst("/?$", "/");
        String url = base + "apis/greeting.dev/v1alpha1/namespaces/" + namespace
                + "/greetingapis?fieldValidation=Strict&fieldManager=kubectl-client-side-apply";
        return client.getHttpClient().sendAsync(client.getHttpClient().newHttpRequestBuilder().uri(url)
                .post("application/json", object.toString()).build(), String.class).get(30, TimeUnit.SECONDS);
    }
}
