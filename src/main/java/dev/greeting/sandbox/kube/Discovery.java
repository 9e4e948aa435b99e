package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kubectl reads to map "gapi" to a group, version and resource: the legacy
 * ones ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/G}, {@code /apis/G/V}) and the
 * aggregated {@code apidiscovery.k8s.io/v2} form kubectl asks for first.
 */
final class Discovery {
    static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private final List<ResourceType> types;

    Discovery(List<ResourceType> types) {
        this.types = types;
    }

    /** True when the Accept header asks for aggregated discovery v2 (kubectl 1.26+ does). */
    static boolean wantsAggregated(String accept) {
        if (accept == null) {
            return false;
        }
        for (String option : accept.split(",")) {
            String o = option.replace(" ", "");
            if (o.contains("as=APIGroupDiscoveryList") && o.contains("g=apidiscovery.k8s.io") && o.contains("v=v2;")
                    || o.endsWith("v=v2") && o.contains("as=APIGroupDiscoveryList")) {
                return true;
            }
        }
        return false;
    }

    ObjectNode version() {
        ObjectNode v = KubeJson.object();
        v.put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-greeting-sandbox")
                .put("gitCommit", "0000000000000000000000000000000000000000").put("gitTreeState", "clean")
                .put("buildDate", "2024-12-11T00:00:00Z").put("goVersion", "go1.23.3").put("compiler", "gc")
                .put("platform", System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"));
        return v;
    }

    ObjectNode coreVersions(String serverAddress) {
        ObjectNode versions = KubeJson.object().put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return versions;
    }

    ObjectNode groupList() {
        ObjectNode list = KubeJson.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        groupVersions().forEach((group, versions) -> {
            if (!group.isEmpty()) {
                groups.add(group(group, versions));
            }
        });
        return list;
    }

    Optional<ObjectNode> group(String name) {
        List<String> versions = groupVersions().get(name);
        return versions == null || name.isEmpty() ? Optional.empty()
                : Optional.of(group(name, versions).put("kind", "APIGroup").put("apiVersion", "v1"));
    }

    Optional<ObjectNode> resourceList(String group, String version) {
        List<ResourceType> served = types.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode list = KubeJson.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : served) {
            ObjectNode resource = resources.addObject().put("name", type.plural())
                    .put("singularName", type.singular()).put("namespaced", type.namespaced())
                    .put("kind", type.kind());
            strings(resource.putArray("verbs"), ResourceType.VERBS);
            if (!type.shortNames().isEmpty()) {
                strings(resource.putArray("shortNames"), type.shortNames());
            }
            if (!type.categories().isEmpty()) {
                strings(resource.putArray("categories"), type.categories());
            }
            resource.put("storageVersionHash", "");
            if (type.statusSubresource()) {
                ObjectNode status = resources.addObject().put("name", type.plural() + "/status")
                        .put("singularName", "").put("namespaced", type.namespaced()).put("kind", type.kind());
                strings(status.putArray("verbs"), ResourceType.STATUS_VERBS);
            }
        }
        return Optional.of(list);
    }

    /** apidiscovery.k8s.io/v2 for /api (core) or /apis (all named groups). */
    ObjectNode aggregated(boolean core) {
        ObjectNode list = KubeJson.object().put("kind", "APIGroupDiscoveryList")
                .put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        groupVersions().forEach((group, versions) -> {
            if (group.isEmpty() != core) {
                return;
            }
            ObjectNode item = items.addObject();
            item.putObject("metadata").put("name", group);
            ArrayNode versionNodes = item.putArray("versions");
            for (String version : versions) {
                ObjectNode versionNode = versionNodes.addObject().put("version", version);
                ArrayNode resources = versionNode.putArray("resources");
                types.stream().filter(t -> t.group().equals(group) && t.version().equals(version))
                        .forEach(t -> resources.add(aggregatedResource(t)));
                versionNode.put("freshness", "Current");
            }
        });
        return list;
    }

    private ObjectNode aggregatedResource(ResourceType type) {
        ObjectNode resource = KubeJson.object().put("resource", type.plural());
        responseKind(resource, type);
        resource.put("scope", type.namespaced() ? "Namespaced" : "Cluster")
                .put("singularResource", type.singular());
        strings(resource.putArray("verbs"), ResourceType.VERBS);
        if (!type.shortNames().isEmpty()) {
            strings(resource.putArray("shortNames"), type.shortNames());
        }
        if (!type.categories().isEmpty()) {
            strings(resource.putArray("categories"), type.categories());
        }
        if (type.statusSubresource()) {
            ObjectNode status = resource.putArray("subresources").addObject().put("subresource", "status");
            responseKind(status, type);
            strings(status.putArray("verbs"), ResourceType.STATUS_VERBS);
        }
        return resource;
    }

    private static void responseKind(ObjectNode node, ResourceType type) {
        node.putObject("responseKind").put("group", type.group()).put("version", type.version())
                .put("kind", type.kind());
    }

    /** Group name to its versions, in the order types were registered (first is preferred). */
    private Map<String, List<String>> groupVersions() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceType type : types) {
            List<String> versions = groups.computeIfAbsent(type.group(), g -> new java.util.ArrayList<>());
            if (!versions.contains(type.version())) {
                versions.add(type.version());
            }
        }
        return groups;
    }

    private static ObjectNode group(String name, List<String> versions) {
        ObjectNode group = KubeJson.object().put("name", name);
        ArrayNode versionNodes = group.putArray("versions");
        for (String version : versions) {
            versionNodes.addObject().put("groupVersion", name + "/" + version).put("version", version);
        }
        group.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0))
                .put("version", versions.get(0));
        return group;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
