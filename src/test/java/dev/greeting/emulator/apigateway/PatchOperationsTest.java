package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.emulator.apigateway.PatchOperations.Op;
import dev.greeting.emulator.apigateway.PatchOperations.Rules;
import dev.greeting.emulator.apigateway.PatchOperations.ValueType;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The patch dialect on its own: paths, JSON-pointer escaping, value types, and AWS's two styles of refusal. */
class PatchOperationsTest {
    private static final Rules RULES = Rules.terse()
            .member("/name", ValueType.STRING)
            .member("/enabled", ValueType.BOOLEAN)
            .integer("/size", "bad size")
            .map("/templates", ValueType.STRING, null)
            .map("/flags", ValueType.BOOLEAN, "Invalid parameter name specified")
            .set("/types");

    private static ObjectNode start() {
        ObjectNode node = Json.object();
        node.put("name", "a");
        node.putObject("flags").put("x", true);
        node.putArray("types").add("image/png");
        return node;
    }

    @Test
    void appliesMembersMapsAndSetsWithUnescapedKeys() {
        ObjectNode result = PatchOperations.apply(start(), List.of(
                new Op("replace", "/name", "b"),
                new Op("replace", "/enabled", "true"),
                new Op("replace", "/size", "12"),
                new Op("add", "/templates/application~1json", "{}"),
                new Op("add", "/templates/a~0b", "tilde"),
                new Op("replace", "/flags/x", "false"),
                new Op("add", "/types/image~1gif", null),
                new Op("replace", "/types/image~1png", "image/jpeg")), RULES);

        assertThat(result.get("name").asText()).isEqualTo("b");
        assertThat(result.get("enabled").asBoolean()).isTrue();
        assertThat(result.get("size").asInt()).isEqualTo(12);
        assertThat(result.get("templates").get("application/json").asText()).isEqualTo("{}");
        assertThat(result.get("templates").get("a~b").asText()).isEqualTo("tilde");
        assertThat(result.get("flags").get("x").asBoolean()).isFalse();
        assertThat(result.get("types")).extracting(n -> n.asText()).containsExactly("image/jpeg", "image/gif");
    }

    @Test
    void leavesTheTargetUntouchedAndClearsOnEmptyValues() {
        ObjectNode original = start();
        ObjectNode result = PatchOperations.apply(original, List.of(new Op("replace", "/name", ""),
                new Op("remove", "/types/image~1png", null)), RULES);
        assertThat(result.has("name")).isFalse();
        assertThat(result.get("types")).isEmpty();
        assertThat(original.get("name").asText()).isEqualTo("a");
    }

    @Test
    void refusesAsAwsDoes() {
        assertRefused(RULES, new Op("replace", "/other", "x"), 400, "Invalid patch path /other");
        assertRefused(RULES, new Op("add", "/name", "x"), 400, "Invalid patch operation specified. Must be one of: [replace]");
        assertRefused(RULES, new Op("replace", "/size", "big"), 400, "bad size");
        assertRefused(RULES, new Op("remove", "/flags/absent", null), 404, "Invalid parameter name specified");
        assertRefused(RULES, new Op("replace", null, "x"), 400, "Invalid patch path null");

        Rules listing = Rules.listingSupportedPaths().member("/a", ValueType.STRING).member("/b", ValueType.STRING);
        assertRefused(listing, new Op("replace", "/c", "x"), 400,
                "Invalid patch path  '/c' specified for op 'replace'. Must be one of: [/a, /b]");
        assertRefused(listing, new Op("remove", "/a", null), 400,
                "Invalid patch path  '/a' specified for op 'remove'. Please choose supported operations");
    }

    private static void assertRefused(Rules rules, Op op, int status, String message) {
        assertThatThrownBy(() -> PatchOperations.apply(start(), List.of(op), rules))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
