package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code fieldSelector} ("involvedObject.name=x,type!=Normal") applied to objects. The CRUD mock
 * only knows metadata.name and metadata.namespace, so the front filters with every term itself,
 * which is what lets {@code kubectl describe} find an object's Events.
 */
record FieldSelector(List<Term> terms) {
    private static final List<String> STORE_FIELDS = List.of("metadata.name", "metadata.namespace");

    record Term(String field, String value, boolean equal) {
        boolean matches(JsonNode object) {
            JsonNode node = object;
            for (String part : field.split("\\.")) {
                node = node.path(part);
            }
            String actual = node.isValueNode() ? node.asText() : "";
            return actual.equals(value) == equal;
        }

        @Override
        public String toString() {
            return field + (equal ? "=" : "!=") + value;
        }
    }

    static FieldSelector parse(String selector) {
        List<Term> terms = new ArrayList<>();
        if (selector != null) {
            for (String term : selector.split(",")) {
                if (term.isBlank()) {
                    continue;
                }
                int not = term.indexOf("!=");
                int eq = term.indexOf('=');
                if (not > 0) {
                    terms.add(new Term(term.substring(0, not).trim(), term.substring(not + 2).trim(), false));
                } else if (eq > 0) {
                    String value = term.substring(eq + 1).replaceFirst("^=", "").trim();
                    terms.add(new Term(term.substring(0, eq).trim(), value, true));
                } else {
                    throw new ApiException(Statuses.badRequest("invalid selector: '" + selector
                            + "'; can't understand '" + term + "'"));
                }
            }
        }
        return new FieldSelector(terms);
    }

    boolean matches(JsonNode object) {
        return terms.stream().allMatch(t -> t.matches(object));
    }

    /** The equality terms on name and namespace, which the CRUD mock can select on itself. */
    String forStore() {
        return terms.stream().filter(t -> t.equal() && STORE_FIELDS.contains(t.field()))
                .map(Term::toString).collect(Collectors.joining(","));
    }
}
