package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The built-in kinds the sandbox serves besides CRDs: what kubectl, JOSDK and manifests touch. */
final class BuiltinTypes {
    private BuiltinTypes() {
    }

    static final List<ResourceType> ALL = List.of(
            withColumns(builtin("", "namespaces", "Namespace", false, List.of("ns"), true),
                    column("Status", "string", ".status.phase"), column("Age", "date", ".metadata.creationTimestamp")),
            builtin("", "configmaps", "ConfigMap", true, List.of("cm"), false),
            builtin("", "secrets", "Secret", true, List.of(), false),
            builtin("", "serviceaccounts", "ServiceAccount", true, List.of("sa"), false),
            withColumns(builtin("", "events", "Event", true, List.of("ev"), false),
                    column("Last Seen", "date", ".lastTimestamp"), column("Type", "string", ".type"),
                    column("Reason", "string", ".reason"), column("Object", "string", ".involvedObject.name"),
                    column("Message", "string", ".message")),
            withCategoryAll(builtin("", "pods", "Pod", true, List.of("po"), true)),
            withCategoryAll(builtin("", "services", "Service", true, List.of("svc"), true)),
            new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
                    "CustomResourceDefinition", false, List.of("crd", "crds"), List.of("api-extensions"),
                    true, null, null),
            new ResourceType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), List.of(),
                    false, null, null),
            new ResourceType("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), List.of(),
                    false, null, null));

    /** Columns like kube-apiserver's own printers for the kinds a sandbox user looks at. */
    private static ResourceType withColumns(ResourceType t, ObjectNode... columns) {
        ArrayNode printer = KubeJson.MAPPER.createArrayNode();
        for (ObjectNode column : columns) {
            printer.add(column);
        }
        return new ResourceType(t.group(), t.version(), t.plural(), t.singular(), t.kind(), t.namespaced(),
                t.shortNames(), t.categories(), t.statusSubresource(), t.schema(), printer);
    }

    private static ObjectNode column(String name, String type, String jsonPath) {
        return KubeJson.object().put("name", name).put("type", type).put("jsonPath", jsonPath);
    }

    /** "kubectl get all" expands the category "all". */
    private static ResourceType withCategoryAll(ResourceType t) {
        return new ResourceType(t.group(), t.version(), t.plural(), t.singular(), t.kind(), t.namespaced(),
                t.shortNames(), List.of("all"), t.statusSubresource(), t.schema(), t.printerColumns());
    }

    private static ResourceType builtin(String group, String plural, String kind, boolean namespaced,
                                        List<String> shortNames, boolean status) {
        return new ResourceType(group, "v1", plural, kind.toLowerCase(), kind, namespaced, shortNames,
                List.of(), status, null, null);
    }
}
