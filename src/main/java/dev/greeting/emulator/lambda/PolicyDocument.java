package dev.greeting.emulator.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.emulator.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A function's resource-based policy: the statements AddPermission added, in order. Immutable;
 * every change makes a new document, so a function's snapshot can be read without locks.
 */
public record PolicyDocument(List<PolicyStatement> statements) {
    public static final PolicyDocument EMPTY = new PolicyDocument(List.of());
    /** AWS caps a function policy at 20 KB, measured on the policy JSON. */
    public static final int MAX_BYTES = 20 * 1024;

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    public Optional<PolicyStatement> statement(String sid) {
        return statements.stream().filter(s -> s.sid().equals(sid)).findFirst();
    }

    public PolicyDocument with(PolicyStatement statement) {
        List<PolicyStatement> next = new ArrayList<>(statements);
        next.add(statement);
        return new PolicyDocument(next);
    }

    public PolicyDocument without(String sid) {
        return new PolicyDocument(statements.stream().filter(s -> !s.sid().equals(sid)).toList());
    }

    /** The policy as GetPolicy returns it (a JSON string inside the JSON answer). */
    public String toJson() {
        ObjectNode node = Json.object();
        node.put("Version", "2012-10-17");
        node.put("Id", "default");
        var array = node.putArray("Statement");
        statements.forEach(s -> array.add(s.toJson()));
        return Json.writeString(node);
    }

    public int sizeBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8).length;
    }

    /** True when some statement lets the service principal invoke the function for the source ARN. */
    public boolean allowsInvoke(String servicePrincipal, String sourceArn, String sourceAccount) {
        return statements.stream().anyMatch(s -> s.allows("lambda:InvokeFunction", servicePrincipal, sourceArn, sourceAccount));
    }
}
