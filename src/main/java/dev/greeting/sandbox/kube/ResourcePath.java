package dev.greeting.sandbox.kube;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes REST path taken apart: {@code /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB]]} or
 * {@code /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME[/SUB]]}. The core group is "".
 */
record ResourcePath(String group, String version, String namespace, String plural, String name, String subresource) {

    static Optional<ResourcePath> parse(String rawPath) {
        List<String> parts = new ArrayList<>(Arrays.asList(rawPath.replaceAll("^/+|/+$", "").split("/")));
        String group;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            parts = parts.subList(1, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            parts = parts.subList(2, parts.size());
        } else {
            return Optional.empty();
        }
        String version = parts.get(0);
        List<String> rest = parts.subList(1, parts.size());
        String namespace = null;
        // "namespaces/NS/PLURAL..." scopes a namespaced resource; "namespaces[/NS[/status|finalize]]"
        // is the Namespace resource itself.
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !(group.isEmpty() && rest.size() == 3 && isNamespaceSubresource(rest.get(2)))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || rest.size() > 3) {
            return Optional.empty();
        }
        return Optional.of(new ResourcePath(group, version, namespace, rest.get(0),
                rest.size() > 1 ? rest.get(1) : null, rest.size() > 2 ? rest.get(2) : null));
    }

    private static boolean isNamespaceSubresource(String segment) {
        return segment.equals("status") || segment.equals("finalize");
    }

    boolean isCollection() {
        return name == null;
    }

    boolean isStatus() {
        return "status".equals(subresource);
    }

    /** The path of the object itself (no subresource). */
    String objectPath() {
        return collectionPath() + "/" + name;
    }

    /** The collection the object lives in (in its namespace, if any). */
    String collectionPath() {
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        return prefix + (namespace != null ? "/namespaces/" + namespace : "") + "/" + plural;
    }

    /** The path as the store keys it, subresource included. */
    String storePath() {
        return name == null ? collectionPath() : objectPath() + (subresource != null ? "/" + subresource : "");
    }

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
