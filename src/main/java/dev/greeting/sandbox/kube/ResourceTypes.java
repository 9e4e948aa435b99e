package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the sandbox serves: the built-in kinds plus every served version of every CRD in the store,
 * read afresh on each call so a CRD created by any client is discoverable at once.
 */
final class ResourceTypes {
    static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    private final Store store;

    ResourceTypes(Store store) {
        this.store = store;
    }

    List<ResourceType> all() {
        List<ResourceType> types = new ArrayList<>(BuiltinTypes.ALL);
        for (ObjectNode crd : store.list(CRD_PATH)) {
            types.addAll(fromCrd(crd));
        }
        return types;
    }

    Optional<ResourceType> find(String group, String version, String plural) {
        return all().stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    static List<ResourceType> fromCrd(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String kind = names.path("kind").asText();
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            types.add(new ResourceType(spec.path("group").asText(), version.path("name").asText(),
                    names.path("plural").asText(), names.path("singular").asText(kind.toLowerCase()), kind,
                    !"Cluster".equals(spec.path("scope").asText()), strings(names.path("shortNames")),
                    strings(names.path("categories")), version.path("subresources").has("status"),
                    version.path("schema").path("openAPIV3Schema"), version.path("additionalPrinterColumns")));
        }
        return types;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
