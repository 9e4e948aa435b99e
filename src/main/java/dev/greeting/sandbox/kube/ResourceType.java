package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One served resource (group, version, plural) as discovery, tables and admission need it.
 * {@code schema} and {@code printerColumns} come from a CRD version; both are null for built-in kinds.
 */
record ResourceType(String group, String version, String plural, String singular, String kind,
                    boolean namespaced, List<String> shortNames, List<String> categories,
                    boolean statusSubresource, JsonNode schema, JsonNode printerColumns) {

    static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

    boolean custom() {
        return schema != null;
    }

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "greetingapis.greeting.dev", the resource's qualified name in error messages. */
    String qualifiedResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** "GreetingApi.greeting.dev", as kube-apiserver names a kind in "is invalid" messages. */
    String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
