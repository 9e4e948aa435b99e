package dev.greeting.sandbox.kube.admission;

/**
 * Field paths as kube-apiserver prints them in CRD validation errors: spec.tags.team for a map
 * value (the OpenAPI validator's notation), spec.items[0] for a list item.
 */
final class Paths {
    private Paths() {
    }

    static String child(String parent, String name) {
        return parent == null || parent.isEmpty() ? name : parent + "." + name;
    }

    static String key(String parent, String key) {
        return child(parent, key);
    }

    static String index(String parent, int index) {
        return (parent == null ? "" : parent) + "[" + index + "]";
    }
}
