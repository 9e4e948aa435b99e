package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects, kept by fabric8's CRUD mock ({@link KubernetesCrudDispatcher}), called in process.
 * It gives resource versions, generation, uid, status-subresource semantics, finalizer-aware
 * deletion and watch events; the sandbox front adds what a real API server does around it.
 * Paths handed in carry only the query parameters the mock understands (selectors and watch).
 */
final class Store {
    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    /**
     * Writes and the closing of a watch take turns. The mock's watch listener, when closed, shuts its
     * executor down first and leaves the mock's listener set after; a write notifying it in between
     * throws RejectedExecutionException after the object was stored, so the create was answered 500 and
     * the client's retry met 409 AlreadyExists (KubeApiServerTest's watch test, now and then).
     */
    private final Object writeLock = new Object();

    record Reply(int code, String body) {
        boolean ok() {
            return code >= 200 && code < 300;
        }

        ObjectNode json() {
            return KubeJson.parseObject(body);
        }
    }

    Reply get(String path) {
        return reply(crud.handleGet(path));
    }

    Reply create(String path, JsonNode object) {
        synchronized (writeLock) {
            return reply(crud.handleCreate(request(HttpMethod.POST, path, "application/json", KubeJson.write(object))));
        }
    }

    /**
     * Replaces an object (its status is kept where the CRD has a status subresource). The mock tells
     * status writes by the path's "/status" suffix, which an object named "status" would fool; the
     * empty query string keeps such a path a main-resource write.
     */
    Reply update(String objectPath, JsonNode object) {
        synchronized (writeLock) {
            return reply(crud.handleUpdate(request(HttpMethod.PUT, objectPath + "?", "application/json",
                    KubeJson.write(object))));
        }
    }

    /** Replaces the status of an object: {@code statusPath} ends with "/status". */
    Reply updateStatus(String statusPath, JsonNode object) {
        synchronized (writeLock) {
            return reply(crud.handleUpdate(request(HttpMethod.PUT, statusPath, "application/json",
                    KubeJson.write(object))));
        }
    }

    Reply delete(String path) {
        synchronized (writeLock) {
            return reply(crud.handleDelete(path));
        }
    }

    /** Registers a watch; the listener starts receiving events once {@code onOpen} is called on it. */
    WebSocketListener watch(String pathWithSelectors) {
        MockResponse response = crud.handleWatch(pathWithSelectors);
        return response.getWebSocketListener();
    }

    /** Closes a watch registered by {@link #watch}: never while a write is notifying the watches. */
    void closeWatch(WebSocketListener listener, WebSocket socket) {
        synchronized (writeLock) {
            listener.onClosed(socket, 1000, "watch closed");
        }
    }

    Optional<ObjectNode> read(String objectPath) {
        Reply reply = get(objectPath);
        return reply.code() == 200 && !reply.body().isEmpty() ? Optional.of(reply.json()) : Optional.empty();
    }

    List<ObjectNode> list(String collectionPath) {
        Reply reply = get(collectionPath);
        List<ObjectNode> items = new ArrayList<>();
        if (reply.ok()) {
            reply.json().path("items").forEach(item -> items.add((ObjectNode) item));
        }
        return items;
    }

    private static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
        Headers headers = Headers.builder().add("Content-Type", contentType).build();
        return new RecordedRequest("HTTP/1.1", method, path, headers,
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static Reply reply(MockResponse response) {
        Buffer body = response.getBody();
        return new Reply(response.code(), body == null ? "" : new String(body.getBytes(), StandardCharsets.UTF_8));
    }
}
