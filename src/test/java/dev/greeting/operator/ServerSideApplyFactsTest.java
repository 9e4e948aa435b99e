package dev.greeting.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.model.GreetingApi;
import dev.greeting.testsupport.GreetingApis;
import dev.greeting.model.GreetingApiStatus;
import dev.greeting.sandbox.kube.KubeApiServer;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.RealKube;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.File;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What each Kubernetes API the project tests against does with the two ways of writing a primary
 * resource: server-side apply (JOSDK's default) and the JSON patches without it that the operator
 * uses ({@code withUseSSAToPatchPrimaryResource(false)}). The real kube-apiserver is the reference;
 * the fabric8 CRUD mock (the operator tests) and the embedded KubeApiServer (the sandbox) are what
 * the tests run on. Each fact is asserted on all three, with what each answered.
 */
@ExtendWith(RealKube.class)
class ServerSideApplyFactsTest {
    private static final String MANAGER = "ssa-facts";
    /** fabric8 does not say whether a write got 200 or 201; either is "worked" here. */
    private static final int WORKED = 200;
    private static KubernetesMockServer crudMock;
    private static KubernetesClient onCrudMock;
    private static KubeApiServer embedded;
    private static KubernetesClient onEmbedded;

    private final String namespace = "ssa-facts-" + UUID.randomUUID().toString().substring(0, 8);
    private KubernetesClient onReal;

    @BeforeAll
    static void startTheTestDoubles() {
        crudMock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        crudMock.init(InetAddress.getLoopbackAddress(), 0);
        onCrudMock = crudMock.createClient();
        onCrudMock.apiextensions().v1().customResourceDefinitions().load(new File(RealKube.CRD.toString())).create();
        embedded = KubeApiServer.start();
        embedded.installCrds(RealKube.CRD);
        onEmbedded = embedded.newClient();
    }

    @AfterAll
    static void stopTheTestDoubles() {
        onCrudMock.close();
        crudMock.destroy();
        onEmbedded.close();
        embedded.close();
    }

    @BeforeEach
    void connect(RealKubeApiServer real) {
        onReal = real.newClient();
    }

    /** The real server is shared by the run: its GreetingApis go (the namespace stays Terminating, no controller manager). */
    @AfterEach
    void cleanUp() {
        onReal.resources(GreetingApi.class).inNamespace(namespace).delete();
        onReal.namespaces().withName(namespace).delete();
        onReal.close();
    }

    @Test
    void serverSideApplyOfAGreetingApi() {
        Function<KubernetesClient, Object> apply = c -> c.resource(greetingApi("applied"))
                .fieldManager(MANAGER).forceConflicts().serverSideApply();

        // The doubles take an apply patch for an update only, and find nothing to update.
        assertThat(answers(apply)).isEqualTo(new Answers(WORKED, 404, 404));
        GreetingApi applied = read(onReal, "applied");
        assertThat(applied.getMetadata().getManagedFields()).anyMatch(f -> MANAGER.equals(f.getManager())
                && "Apply".equals(f.getOperation()) && f.getSubresource() == null);
    }

    @Test
    void serverSideApplyChangingAnExistingGreetingApi() {
        Function<KubernetesClient, Object> applyChange = c -> {
            create(c, "reapplied");
            GreetingApi changed = greetingApi("reapplied");
            changed.getSpec().setStage("prod");
            return c.resource(changed).fieldManager(MANAGER).forceConflicts().serverSideApply();
        };

        // 415 UnsupportedMediaType: neither double reads application/apply-patch+yaml.
        assertThat(answers(applyChange)).isEqualTo(new Answers(WORKED, 415, 415));
        GreetingApi changed = read(onReal, "reapplied");
        assertThat(changed.getSpec().getStage()).isEqualTo("prod");
        assertThat(changed.getMetadata().getGeneration()).isEqualTo(2L);
    }

    /** JOSDK's own call when it patches status with SSA (ReconciliationDispatcher.CustomResourceFacade#patchStatus). */
    @Test
    void serverSideApplyOfTheStatusSubresource() {
        Function<KubernetesClient, Object> applyStatus = c -> {
            GreetingApi withStatus = create(c, "status-applied");
            withStatus.setStatus(status("https://applied.example/test/greeting"));
            withStatus.getMetadata().setManagedFields(null);
            return c.resource(withStatus).subresource("status").patch(new PatchContext.Builder()
                    .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(MANAGER).withForce(true).build());
        };

        assertThat(answers(applyStatus)).isEqualTo(new Answers(WORKED, 415, 415));
        GreetingApi applied = read(onReal, "status-applied");
        assertThat(applied.getStatus().getInvokeUrl()).isEqualTo("https://applied.example/test/greeting");
        assertThat(applied.getMetadata().getManagedFields()).anyMatch(f -> MANAGER.equals(f.getManager())
                && "Apply".equals(f.getOperation()) && "status".equals(f.getSubresource()));
    }

    @Test
    void aStatusMergePatchNamingAStaleResourceVersionIsAConflict() {
        Function<KubernetesClient, Object> stalePatch = c -> {
            String stale = staleResourceVersion(c, "merge-patched");
            return c.resources(GreetingApi.class).inNamespace(namespace).withName("merge-patched").subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"resourceVersion\":\"" + stale
                            + "\"},\"status\":{\"invokeUrl\":\"https://stale.example/\"}}");
        };

        // The embedded server compares the resourceVersion itself (its CRUD store does not on /status).
        assertThat(answers(stalePatch)).isEqualTo(new Answers(409, 409, 409));
    }

    @Test
    void aStatusUpdateWithAStaleResourceVersionIsAConflict() {
        Function<KubernetesClient, Object> staleUpdate = c -> {
            GreetingApi copy = create(c, "updated");
            c.resource(withStatus(copy, "https://first.example/")).patchStatus();
            return c.resource(withStatus(copy, "https://stale.example/")).updateStatus();
        };

        // fabric8's CRUD dispatcher ignores the resourceVersion of a status PUT; the embedded server,
        // built on it, checks it first, as kube-apiserver does.
        assertThat(answers(staleUpdate)).isEqualTo(new Answers(409, 200, 409));
    }

    /**
     * What the operator really sends (ReconciliationDispatcher.CustomResourceFacade#editStatus, and the
     * reconciler's first status): the resourceVersion is removed from both sides of the JSON patch, so
     * it never conflicts. A status computed from an older copy lands on the newer object.
     */
    @Test
    void theOperatorsStatusPatchNamesNoResourceVersionSoItLandsOnANewerObject() {
        Function<KubernetesClient, Object> josdkStyle = c -> {
            GreetingApi stale = create(c, "edited");
            c.resource(withStatus(c.getKubernetesSerialization().clone(stale), "https://meanwhile.example/")).patchStatus();
            GreetingApi original = c.getKubernetesSerialization().clone(stale);
            original.getMetadata().setResourceVersion(null);
            GreetingApi desired = withStatus(c.getKubernetesSerialization().clone(original), "https://operator.example/");
            return c.resource(original).editStatus(r -> desired);
        };

        assertThat(answers(josdkStyle)).isEqualTo(new Answers(WORKED, WORKED, WORKED));
        for (KubernetesClient c : new KubernetesClient[] {onReal, onCrudMock, onEmbedded}) {
            assertThat(read(c, "edited").getStatus().getInvokeUrl()).as(c.getMasterUrl().toString())
                    .isEqualTo("https://operator.example/");
        }
    }

    /** The HTTP codes each server answered the same call with. */
    record Answers(int realServer, int crudMock, int embeddedKubeApiServer) {
    }

    private Answers answers(Function<KubernetesClient, Object> call) {
        Answers answers = new Answers(code(onReal, call), code(onCrudMock, call), code(onEmbedded, call));
        System.out.println(answers);
        return answers;
    }

    /** The HTTP code of the call: {@link #WORKED} when it did not fail. */
    private int code(KubernetesClient client, Function<KubernetesClient, Object> call) {
        ensureNamespace(client);
        try {
            call.apply(client);
            return WORKED;
        } catch (KubernetesClientException e) {
            System.out.println(client.getMasterUrl() + ": " + e.getCode() + " " + e.getMessage());
            return e.getCode();
        }
    }

    private void ensureNamespace(KubernetesClient client) {
        if (client.namespaces().withName(namespace).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
        }
    }

    /** Creates the resource, moves it on by one status write, and returns the resourceVersion it had before. */
    private String staleResourceVersion(KubernetesClient client, String name) {
        GreetingApi created = create(client, name);
        client.resource(withStatus(client.getKubernetesSerialization().clone(created), "https://first.example/")).patchStatus();
        return created.getMetadata().getResourceVersion();
    }

    private GreetingApi create(KubernetesClient client, String name) {
        return client.resource(greetingApi(name)).create();
    }

    private GreetingApi read(KubernetesClient client, String name) {
        return client.resources(GreetingApi.class).inNamespace(namespace).withName(name).get();
    }

    private GreetingApi greetingApi(String name) {
        return GreetingApis.greetingApi(namespace, name, "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld");
    }

    private static GreetingApi withStatus(GreetingApi resource, String invokeUrl) {
        resource.setStatus(status(invokeUrl));
        return resource;
    }

    private static GreetingApiStatus status(String invokeUrl) {
        GreetingApiStatus status = new GreetingApiStatus();
        status.setObservedGeneration(1L);
        status.setInvokeUrl(invokeUrl);
        return status;
    }
}
