package dev.greeting.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One request as the real API server's audit log (JSON lines, level Metadata) records it: who, which
 * verb on which resource, and the code of the answer. The log is the server's own word on what RBAC
 * refused, whatever the client made of the refusal (JOSDK and the event recorder swallow some).
 */
record AuditEvent(String user, String verb, String apiGroup, String resource, String subresource, String namespace,
                  String name, int code, String uri) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The completed requests in the log (a watch's "ResponseStarted" line is left out: its end is there too). */
    static List<AuditEvent> read(Path auditLog) {
        try (var lines = Files.lines(auditLog)) {
            return lines.filter(l -> !l.isBlank()).map(AuditEvent::parse)
                    .filter(e -> e != null).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<AuditEvent> of(Path auditLog, String user) {
        return read(auditLog).stream().filter(e -> e.user().equals(user)).toList();
    }

    private static AuditEvent parse(String line) {
        try {
            JsonNode e = JSON.readTree(line);
            if (!"ResponseComplete".equals(e.path("stage").asText())) {
                return null;
            }
            JsonNode ref = e.path("objectRef");
            return new AuditEvent(e.path("user").path("username").asText(), e.path("verb").asText(),
                    ref.path("apiGroup").asText(""), ref.path("resource").asText(""), ref.path("subresource").asText(""),
                    ref.path("namespace").asText(""), ref.path("name").asText(""),
                    e.path("responseStatus").path("code").asInt(), e.path("requestURI").asText());
        } catch (IOException ex) {
            throw new UncheckedIOException("not an audit event: " + line, ex);
        }
    }

    boolean forbidden() {
        return code == 403;
    }

    /** "group/resource[/subresource]", the form RBAC rules use ("" group for the core API). */
    String rbacResource() {
        return apiGroup + "/" + resource + (subresource.isEmpty() ? "" : "/" + subresource);
    }

    @Override
    public String toString() {
        return code + " " + verb + " " + rbacResource() + (namespace.isEmpty() ? "" : " in " + namespace) + " (" + uri + ")";
    }
}
