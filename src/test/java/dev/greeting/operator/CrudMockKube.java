package dev.greeting.operator;

import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.File;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * fabric8's CRUD mock API server, one per harness, with the GreetingApi CRD: no validation, no
 * RBAC, every client the same identity. The harness works in {@code default}.
 */
final class CrudMockKube implements KubeBackend {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private CrudMockKube(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    static CrudMockKube start() {
        // CRUD for every request, except the expectations set below for what a CRUD store cannot answer.
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        CrudMockKube kube = new CrudMockKube(server);
        // The CRD generated from the model, as users install it.
        CustomResourceDefinition crd = kube.client.apiextensions().v1().customResourceDefinitions()
                .load(new File("crds/greetingapis.greeting.dev-v1.yml")).item();
        kube.client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        kube.answerLeaseRulesReview();
        return kube;
    }

    /**
     * JOSDK checks, before competing for a Lease, that it may get, create and update Leases (a
     * SelfSubjectRulesReview). The CRUD store cannot compute one: answer as an API server does for
     * the RBAC in deploy/leader-election-role.yaml (on the real server, RBAC answers itself).
     */
    private void answerLeaseRulesReview() {
        SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder()
                .withNewSpec().withNamespace(namespace()).endSpec()
                .withNewStatus().withIncomplete(false)
                    .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("get", "create", "update", "patch").endResourceRule()
                .endStatus()
                .build();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, review).always();
    }

    @Override
    public String namespace() {
        return "default";
    }

    @Override
    public Set<String> watchedNamespaces() {
        return Set.of();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public KubernetesClient newOperatorClient() {
        return server.createClient();
    }

    /** The mock validates nothing: any CRD, old or new, is as good as none. */
    @Override
    public GreetingApi createUnderAnOlderCrd(GreetingApi resource) {
        return client.resource(resource).create();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
