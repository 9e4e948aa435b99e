package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One watch: the CRUD mock's watch listener pushes {"type","object"} events into this socket, which
 * drops the events a client already has (ADDED at or before the resourceVersion it watches from, as
 * a real server never replays them), turns objects into Tables when asked, and hands each event to
 * the transport: a WebSocket frame (fabric8 client) or a line of a chunked HTTP response (kubectl).
 */
final class WatchSession implements WebSocket {
    private final WebSocketListener listener;
    private final Store store;
    private final long sinceResourceVersion;
    private final TableConverter tables;
    private final Consumer<String> transport;
    private final Runnable closeTransport;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger openSessions;
    private final FieldSelector fields;
    /** The newest resourceVersion this watch has sent: where a client resumes after the initial events. */
    private final java.util.concurrent.atomic.AtomicLong lastSentVersion = new java.util.concurrent.atomic.AtomicLong();
    /** Initial ADDED events still to send before the initial-events-end bookmark; 0 when none is due. */
    private final AtomicInteger initialEventsLeft = new AtomicInteger();
    private volatile ResourceType bookmarkType;

    WatchSession(Store store, WebSocketListener listener, String resourceVersion, TableConverter tables,
                 AtomicInteger openSessions, FieldSelector fields, Consumer<String> transport,
                 Runnable closeTransport) {
        this.openSessions = openSessions;
        this.fields = fields;
        this.listener = listener;
        this.store = store;
        this.sinceResourceVersion = parseVersion(resourceVersion);
        this.tables = tables;
        this.transport = transport;
        this.closeTransport = closeTransport;
    }

    static WatchSession open(Store store, String storePath, ApiRequest request, ResourceType type, Clock clock,
                             AtomicInteger openSessions, Consumer<String> transport, Runnable closeTransport) {
        TableConverter tables = TableConverter.wanted(request.accept()) ? new TableConverter(type, clock) : null;
        WebSocketListener listener = store.watch(storePath);
        WatchSession session = new WatchSession(store, listener, request.param("resourceVersion"), tables, openSessions,
                FieldSelector.parse(request.param("fieldSelector")), transport, closeTransport);
        openSessions.incrementAndGet();
        if ("true".equals(request.param("sendInitialEvents"))) {
            session.expectInitialEvents(type, session.countInitial(store, storePath));
        }
        // onOpen sends (on the mock's own thread) the current objects as ADDED, then events follow as the store changes
        listener.onOpen(session, new MockResponse().setResponseCode(200));
        return session;
    }

    /**
     * A streaming list ("watch list": {@code sendInitialEvents=true}, which client-go's reflectors
     * and so kubectl wait use since 1.35) ends its initial ADDED events with a BOOKMARK annotated
     * {@code k8s.io/initial-events-end}; without it the client waits forever for the list to end.
     * The mock sends the initial events from another thread, so the bookmark goes after the
     * {@code count}-th of them.
     */
    private void expectInitialEvents(ResourceType type, int count) {
        bookmarkType = type;
        initialEventsLeft.set(count);
        if (count == 0) {
            endInitialEvents();
        }
    }

    /** How many ADDED events onOpen will send: the stored objects this watch selects. */
    private int countInitial(Store store, String storePath) {
        Store.Reply list = store.get(storePath);
        if (!list.ok()) {
            return 0;
        }
        int count = 0;
        for (JsonNode item : list.json().path("items")) {
            if (fields.matches(item) && parseVersion(item.path("metadata").path("resourceVersion").asText()) > sinceResourceVersion) {
                count++;
            }
        }
        return count;
    }

    private void endInitialEvents() {
        ResourceType type = bookmarkType;
        ObjectNode bookmark = KubeJson.MAPPER.createObjectNode();
        bookmark.put("type", "BOOKMARK");
        ObjectNode object = bookmark.putObject("object");
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("resourceVersion", String.valueOf(Math.max(sinceResourceVersion, lastSentVersion.get())));
        metadata.putObject("annotations").put("k8s.io/initial-events-end", "true");
        if (!closed.get()) {
            transport.accept(KubeJson.write(bookmark));
        }
    }

    private static long parseVersion(String resourceVersion) {
        try {
            return resourceVersion == null || resourceVersion.isBlank() ? 0 : Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The client went away or the watch timed out: unregister from the store. */
    void stop() {
        if (closed.compareAndSet(false, true)) {
            openSessions.decrementAndGet();
            store.closeWatch(listener, this);
        }
    }

    @Override
    public RecordedRequest request() {
        return new RecordedRequest("HTTP/1.1", HttpMethod.GET, "/", Headers.builder().build(), new Buffer());
    }

    @Override
    public boolean send(String text) {
        if (closed.get()) {
            return false;
        }
        ObjectNode event = KubeJson.parseObject(text);
        JsonNode object = event.path("object");
        if (event.path("type").asText().equals("ADDED") && sinceResourceVersion > 0
                && parseVersion(object.path("metadata").path("resourceVersion").asText()) <= sinceResourceVersion) {
            return true;
        }
        if (!fields.matches(object)) {
            return true;
        }
        lastSentVersion.accumulateAndGet(parseVersion(object.path("metadata").path("resourceVersion").asText()), Math::max);
        if (tables != null && object.isObject()) {
            event.set("object", tables.table(List.of(object),
                    object.path("metadata").path("resourceVersion").asText(null), "Metadata"));
        }
        transport.accept(KubeJson.write(event));
        if (event.path("type").asText().equals("ADDED") && initialEventsLeft.get() > 0
                && initialEventsLeft.decrementAndGet() == 0) {
            endInitialEvents();
        }
        return true;
    }

    @Override
    public boolean send(byte[] bytes) {
        return send(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
        closeTransport.run();
        return true;
    }
}
