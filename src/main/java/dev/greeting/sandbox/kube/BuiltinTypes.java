package dev.greeting.sandbox.kube;

import java.util.List;

/** The built-in kinds the sandbox serves besides CRDs: what kubectl, JOSDK and manifests touch. */
final class BuiltinTypes {
    private BuiltinTypes() {
    }

    static final List<ResourceType> ALL = List.of(
            builtin("", "namespaces", "Namespace", false, List.of("ns"), true),
            builtin("", "configmaps", "ConfigMap", true, List.of("cm"), false),
            builtin("", "secrets", "Secret", true, List.of(), false),
            builtin("", "serviceaccounts", "ServiceAccount", true, List.of("sa"), false),
            builtin("", "events", "Event", true, List.of("ev"), false),
            builtin("", "pods", "Pod", true, List.of("po"), true),
            builtin("", "services", "Service", true, List.of("svc"), true),
            new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
                    "CustomResourceDefinition", false, List.of("crd", "crds"), List.of("api-extensions"),
                    true, null, null),
            new ResourceType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), List.of(),
                    false, null, null),
            new ResourceType("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), List.of(),
                    false, null, null));

    private static ResourceType builtin(String group, String plural, String kind, boolean namespaced,
                                        List<String> shortNames, boolean status) {
        return new ResourceType(group, "v1", plural, kind.toLowerCase(), kind, namespaced, shortNames,
                List.of(), status, null, null);
    }
}
