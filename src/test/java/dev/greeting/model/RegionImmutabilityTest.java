package dev.greeting.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.sandbox.kube.KubeApiServer;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.GreetingApis;
import dev.greeting.testsupport.RealKube;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * spec.region cannot change once the resource exists (the CRD's transition rule): a REST API cannot
 * move between regions, and a changed region used to leave the old API behind. The real
 * kube-apiserver and the embedded one refuse the same updates with the same field and message,
 * and accept every other change.
 */
@ExtendWith(RealKube.class)
class RegionImmutabilityTest {
    static final String FUNCTION = "arn:aws:lambda:us-west-2:123456789012:function:HelloWorld";
    private static KubeApiServer embeddedServer;
    private static KubernetesClient embedded;
    private static KubernetesClient real;
    private static String realNamespace;

    @BeforeAll
    static void start(RealKubeApiServer server) {
        real = server.newClient();
        realNamespace = "region-" + UUID.randomUUID().toString().substring(0, 8);
        real.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(realNamespace).endMetadata().build())
                .create();
        embeddedServer = KubeApiServer.start();
        embeddedServer.installCrds(RealKube.CRD);
        embedded = embeddedServer.newClient();
    }

    @AfterAll
    static void stop() {
        if (real != null) {
            // The run's real server is shared and has no namespace controller: a Terminating namespace keeps its
            // objects, and a later test's operator watching every namespace would reconcile them.
            real.resources(GreetingApi.class).inNamespace(realNamespace).delete();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                    real.resources(GreetingApi.class).inNamespace(realNamespace).list().getItems().isEmpty());
            real.namespaces().withName(realNamespace).delete();
            real.close();
        }
        if (embedded != null) {
            embedded.close();
        }
        if (embeddedServer != null) {
            embeddedServer.close();
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("changed", (Consumer<GreetingApiSpec>) s -> s.setRegion("us-west-2"), "eu-west-1"),
                Arguments.of("removed", (Consumer<GreetingApiSpec>) s -> s.setRegion("us-west-2"), null),
                Arguments.of("added", (Consumer<GreetingApiSpec>) s -> { }, "eu-west-1"));
    }

    @ParameterizedTest(name = "region {0}: refused by both servers")
    @MethodSource("refused")
    void aRegionChangeIsRefusedNamingTheField(String name, Consumer<GreetingApiSpec> initial, String newRegion) {
        for (Server server : servers()) {
            String resource = "refused-" + name;
            server.client.resource(GreetingApis.greetingApi(server.namespace, resource, FUNCTION, initial)).create();

            assertThatThrownBy(() -> server.client.resources(GreetingApi.class).inNamespace(server.namespace)
                    .withName(resource).edit(api -> {
                        api.getSpec().setRegion(newRegion);
                        return api;
                    }))
                    .as(server.name)
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).as(server.name).isEqualTo(422);
                        assertThat(e.getStatus().getDetails().getCauses()).as(server.name).singleElement()
                                .satisfies(cause -> {
                                    assertThat(cause.getField()).isEqualTo("spec.region");
                                    assertThat(cause.getReason()).isEqualTo("FieldValueForbidden");
                                    assertThat(cause.getMessage()).isEqualTo("Forbidden: " + SpecRules.REGION_IMMUTABLE_MESSAGE);
                                });
                    });
            GreetingApi stored = server.client.resources(GreetingApi.class).inNamespace(server.namespace)
                    .withName(resource).get();
            assertThat(stored.getSpec().getRegion()).as(server.name).isEqualTo(name.equals("added") ? null : "us-west-2");
        }
    }

    @ParameterizedTest(name = "region {0}: other fields still change")
    @MethodSource("refused")
    void everyOtherFieldStillChanges(String name, Consumer<GreetingApiSpec> initial, String ignored) {
        for (Server server : servers()) {
            String resource = "kept-" + name;
            server.client.resource(GreetingApis.greetingApi(server.namespace, resource, FUNCTION, initial)).create();
            GreetingApi edited = server.client.resources(GreetingApi.class).inNamespace(server.namespace)
                    .withName(resource).edit(api -> {
                        api.getSpec().setStage("prod");
                        return api;
                    });
            assertThat(edited.getSpec().getStage()).as(server.name).isEqualTo("prod");
        }
    }

    private record Server(String name, KubernetesClient client, String namespace) {
    }

    private static List<Server> servers() {
        return List.of(new Server("real kube-apiserver", real, realNamespace), new Server("embedded", embedded, "default"));
    }
}
