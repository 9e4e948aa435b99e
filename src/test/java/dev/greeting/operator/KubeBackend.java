package dev.greeting.operator;

import dev.greeting.model.GreetingApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;

/**
 * The Kubernetes API one {@link OperatorHarness} talks to: fabric8's CRUD mock ({@link CrudMockKube}),
 * or a namespace of its own on the run's real kube-apiserver ({@link RealServerKube}).
 */
interface KubeBackend extends AutoCloseable {

    /** Where the harness's GreetingApis, their Events and any Lease live. */
    String namespace();

    /** What the operator is told to watch: empty for every namespace. */
    Set<String> watchedNamespaces();

    /** The test's own client, as a person with kubectl: it may do anything. */
    KubernetesClient client();

    /** A new client with the operator's identity (and only its permissions, where RBAC is real); the caller closes it. */
    KubernetesClient newOperatorClient();

    /**
     * Creates a resource as a cluster whose CRD predates the current schema would admit it: stored
     * even where the committed CRD would refuse the spec. The operator must still refuse it.
     */
    GreetingApi createUnderAnOlderCrd(GreetingApi resource);

    /** Leaves nothing of this harness behind; the operator is already stopped. */
    @Override
    void close();
}
