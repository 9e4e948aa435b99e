package dev.greeting.operator;

import dev.greeting.model.GreetingApi;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import dev.greeting.testsupport.RealKube;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * A spec the committed CRD refuses reaches the operator only on a cluster whose CRD is older
 * (without the patterns and CEL rules): this installs such a CRD on the shared real server for
 * the one create, then the committed CRD again. The object stays as stored; the API server's
 * validation ratcheting lets later writes that keep the spec unchanged (finalizers, status) pass,
 * as on a cluster upgraded under it. Tests run one at a time, so no other test sees the older CRD.
 */
final class OlderCrd {
    private static final Duration SCHEMA_SWITCH = Duration.ofSeconds(20);

    private OlderCrd() {
    }

    static GreetingApi create(RealKubeApiServer server, KubernetesClient admin, GreetingApi resource) {
        CustomResourceDefinition older = admin.apiextensions().v1().customResourceDefinitions()
                .load(new File(RealKube.CRD.toString())).item();
        older.getSpec().getVersions().forEach(v -> withoutValidation(v.getSchema().getOpenAPIV3Schema()
                .getProperties().get("spec")));
        // The same field manager as the install: the fields left out are removed.
        admin.resource(older).forceConflicts().serverSideApply();
        try {
            // The API server switches its schema moments after the CRD changes: retry what it still refuses.
            AtomicReference<GreetingApi> created = new AtomicReference<>();
            Awaitility.await().atMost(SCHEMA_SWITCH).pollInterval(Duration.ofMillis(50)).until(() -> {
                try {
                    created.set(admin.resource(resource).create());
                    return true;
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 422) {
                        throw e;
                    }
                    return false;
                }
            });
            return created.get();
        } finally {
            server.installCrds(RealKube.CRD);
            awaitCommittedSchema(admin, resource);
        }
    }

    /** Until a dry run of the same create is refused again, the older schema may still be in force. */
    private static void awaitCommittedSchema(KubernetesClient admin, GreetingApi resource) {
        GreetingApi probe = new GreetingApi();
        probe.setMetadata(new ObjectMetaBuilder()
                .withName(resource.getMetadata().getName() + "-probe").withNamespace(resource.getMetadata().getNamespace())
                .build());
        probe.setSpec(resource.getSpec());
        Awaitility.await().atMost(SCHEMA_SWITCH).pollInterval(Duration.ofMillis(50)).until(() -> {
            try {
                admin.resource(probe).dryRun().create();
                return false;
            } catch (KubernetesClientException e) {
                return e.getCode() == 422;
            }
        });
    }

    private static void withoutValidation(JSONSchemaProps schema) {
        if (schema == null) {
            return;
        }
        schema.setPattern(null);
        schema.setXKubernetesValidations(null);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OlderCrd::withoutValidation);
        }
        if (schema.getAdditionalProperties() != null) {
            withoutValidation(schema.getAdditionalProperties().getSchema());
        }
    }
}
