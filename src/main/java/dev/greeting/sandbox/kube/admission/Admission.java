package dev.greeting.sandbox.kube.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Admission of a custom resource against its CRD version's schema, in kube-apiserver's order:
 * prune unknown fields (and nulls), apply defaults, validate metadata.name, the OpenAPI schema,
 * then the CEL rules. The candidate object is mutated in place (pruned and defaulted).
 */
public final class Admission {
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String BLOCKED_CEL = "some validation rules were not checked because the object was invalid;"
            + " correct the existing errors to complete validation";

    /** hasBlockingErr in k8s.io/apiextensions-apiserver's customresource strategy. */
    private static final Set<FieldError.Type> BLOCKING = EnumSet.of(FieldError.Type.TYPE_INVALID,
            FieldError.Type.NOT_SUPPORTED, FieldError.Type.REQUIRED, FieldError.Type.TOO_LONG, FieldError.Type.TOO_MANY);

    private Admission() {
    }

    /** The request's {@code fieldValidation} parameter: what to do with fields the schema does not declare. */
    public enum FieldValidation {
        IGNORE, WARN, STRICT;

        /** kube-apiserver's default is Warn. */
        public static FieldValidation parse(String value) {
            if (value == null || value.isBlank()) {
                return WARN;
            }
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The admitted object and the warnings for the response's Warning headers. */
    public record Result(ObjectNode object, List<String> warnings) {
    }

    /** The object is invalid: 422 with these causes. */
    public static final class InvalidObject extends RuntimeException {
        private final transient List<FieldError> errors;

        InvalidObject(List<FieldError> errors) {
            super(errors.toString());
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** fieldValidation=Strict and the object has undeclared fields: 400 "strict decoding error". */
    public static final class UnknownFields extends RuntimeException {
        private final transient List<String> fields;

        UnknownFields(List<String> fields) {
            super("unknown fields " + fields);
            this.fields = List.copyOf(fields);
        }

        public List<String> fields() {
            return fields;
        }
    }

    /**
     * @param candidate the object to store (mutated: pruned, defaulted)
     * @param old       the stored object on update, null on create (binds CEL's oldSelf)
     * @param schema    the CRD version's openAPIV3Schema
     */
    public static Result admit(ObjectNode candidate, ObjectNode old, JsonNode schema, FieldValidation mode) {
        List<String> pruned = StructuralSchema.prune(candidate, schema);
        if (mode == FieldValidation.STRICT && !pruned.isEmpty()) {
            throw new UnknownFields(pruned);
        }
        StructuralSchema.applyDefaults(candidate, schema);

        List<FieldError> errors = new ArrayList<>(validateName(candidate));
        errors.addAll(StructuralSchema.validate(candidate, schema));
        boolean blocked = errors.stream().anyMatch(e -> BLOCKING.contains(e.type()));
        if (blocked) {
            // kube-apiserver does not run CEL on an object with a wrong type, an unsupported (enum) value, a
            // missing required field or a value too long or with too many items: the rules' cost estimates
            // assumed them (a pattern or minLength error does not block)
            errors.add(FieldError.invalid(null, null, BLOCKED_CEL));
        } else {
            errors.addAll(CelRules.validate(candidate, old, schema));
        }
        if (!errors.isEmpty()) {
            throw new InvalidObject(errors);
        }
        List<String> warnings = new ArrayList<>();
        if (mode == FieldValidation.WARN) {
            pruned.forEach(field -> warnings.add("unknown field \"" + field + "\""));
        }
        return new Result(candidate, warnings);
    }

    private static List<FieldError> validateName(ObjectNode object) {
        String name = object.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            return List.of();
        }
        if (name.length() > 253) {
            return List.of(FieldError.tooLong("metadata.name", 253));
        }
        if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
            return List.of(FieldError.invalid("metadata.name", name, "a lowercase RFC 1123 subdomain must consist of"
                    + " lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
                    + " character (e.g. 'example.com', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        }
        return List.of();
    }
}
