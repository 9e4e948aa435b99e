package dev.greeting.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest API server that lets `kubectl apply --dry-run=client` run without a cluster:
 * it answers discovery for the built-in API groups of Kubernetes 1.32 (the resources a
 * client needs to map kinds to REST paths and scopes) and 404 NotFound for every object,
 * i.e. an empty cluster. It records every request, so a test can prove that kubectl wrote
 * nothing. It does NOT validate objects against the OpenAPI schema (kubectl runs with
 * --validate=false): that is what UnknownFields checks instead.
 */
final class EmptyClusterApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A served resource: group ("" for core), version, plural, kind, namespaced. */
    record Resource(String group, String version, String plural, String kind, boolean namespaced) {
        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        String discoveryPath() {
            return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        }
    }

    /** Built-in resources as a Kubernetes 1.32 API server lists them (the subset kubectl may meet here). */
    static final List<Resource> BUILT_IN = List.of(
        new Resource("", "v1", "namespaces", "Namespace", false),
        new Resource("", "v1", "serviceaccounts", "ServiceAccount", true),
        new Resource("", "v1", "services", "Service", true),
        new Resource("", "v1", "configmaps", "ConfigMap", true),
        new Resource("", "v1", "secrets", "Secret", true),
        new Resource("", "v1", "pods", "Pod", true),
        new Resource("", "v1", "events", "Event", true),
        new Resource("apps", "v1", "deployments", "Deployment", true),
        new Resource("apps", "v1", "statefulsets", "StatefulSet", true),
        new Resource("apps", "v1", "daemonsets", "DaemonSet", true),
        new Resource("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
        new Resource("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
        new Resource("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
        new Resource("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
        new Resource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false),
        new Resource("coordination.k8s.io", "v1", "leases", "Lease", true),
        new Resource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true),
        new Resource("events.k8s.io", "v1", "events", "Event", true));

    private static final List<String> VERBS =
        List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private final HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    private EmptyClusterApiServer(HttpServer server) {
        this.server = server;
    }

    static EmptyClusterApiServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        EmptyClusterApiServer api = new EmptyClusterApiServer(http);
        http.createContext("/", api::handle);
        http.start();
        return api;
    }

    /** A kubeconfig whose only cluster is this server. */
    Path writeKubeconfig(Path dir) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, String.join("\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: empty",
            "  cluster: {server: \"http://127.0.0.1:" + server.getAddress().getPort() + "\"}",
            "contexts:",
            "- name: empty",
            "  context: {cluster: empty, user: nobody, namespace: default}",
            "current-context: empty",
            "users:",
            "- name: nobody",
            "  user: {}",
            ""));
        return file;
    }

    /** "METHOD path" of every request so far. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        try (exchange) {
            if (!method.equals("GET")) {
                send(exchange, 405, status(405, "MethodNotAllowed", "this test server accepts no writes"));
            } else if (path.equals("/api")) {
                send(exchange, 200, Map.of("kind", "APIVersions", "versions", List.of("v1"),
                    "serverAddressByClientCIDRs", List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1"))));
            } else if (path.equals("/apis")) {
                send(exchange, 200, groupList());
            } else if (resourceList(path) != null) {
                send(exchange, 200, resourceList(path));
            } else {
                send(exchange, 404, status(404, "NotFound", path + " not found"));
            }
        }
    }

    private static Map<String, Object> groupList() {
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        for (Resource r : BUILT_IN) {
            if (!r.group().isEmpty()) {
                Map<String, String> version = Map.of("groupVersion", r.groupVersion(), "version", r.version());
                groups.putIfAbsent(r.group(), Map.of("name", r.group(), "versions", List.of(version),
                    "preferredVersion", version));
            }
        }
        return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", List.copyOf(groups.values()));
    }

    private static Map<String, Object> resourceList(String path) {
        List<Map<String, Object>> resources = new ArrayList<>();
        String groupVersion = null;
        for (Resource r : BUILT_IN) {
            if (r.discoveryPath().equals(path)) {
                groupVersion = r.groupVersion();
                resources.add(Map.of("name", r.plural(), "singularName", r.kind().toLowerCase(),
                    "namespaced", r.namespaced(), "kind", r.kind(), "verbs", VERBS));
            }
        }
        return groupVersion == null ? null
            : Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion, "resources", resources);
    }

    private static Map<String, Object> status(int code, String reason, String message) {
        return Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(), "status", "Failure",
            "message", message, "reason", reason, "code", code);
    }

    private static void send(HttpExchange exchange, int code, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
