package dev.greeting.sandbox.kube.admission;

/** Field paths as k8s.io/apimachinery's field.Path prints them: spec.tags[team], spec.items[0]. */
final class Paths {
    private Paths() {
    }

    static String child(String parent, String name) {
        return parent == null || parent.isEmpty() ? name : parent + "." + name;
    }

    static String key(String parent, String key) {
        return (parent == null ? "" : parent) + "[" + key + "]";
    }

    static String index(String parent, int index) {
        return (parent == null ? "" : parent) + "[" + index + "]";
    }
}
