package dev.greeting.sandbox.kube.admission;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation failure, rendered as k8s.io/apimachinery's field.Error renders it:
 * {@code spec.stage: Invalid value: "a b": spec.stage in body should match '^[a-z]+$'}.
 */
public record FieldError(Type type, String field, String message) {

    /** The error types of field.ErrorType, with the cause reason each carries in a Status. */
    public enum Type {
        REQUIRED("FieldValueRequired"),
        INVALID("FieldValueInvalid"),
        TYPE_INVALID("FieldValueTypeInvalid"),
        NOT_SUPPORTED("FieldValueNotSupported"),
        TOO_LONG("FieldValueTooLong"),
        TOO_MANY("FieldValueTooMany"),
        DUPLICATE("FieldValueDuplicate"),
        FORBIDDEN("FieldValueForbidden");

        private final String reason;

        Type(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, withDetail("Required value", detail));
    }

    static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(Type.INVALID, field, withDetail("Invalid value: " + render(value), detail));
    }

    /** field.Invalid with field.OmitValueType{}: no value in the message (CEL rules on objects and arrays). */
    static FieldError invalidOmittingValue(String field, String detail) {
        return new FieldError(Type.INVALID, field, withDetail("Invalid value", detail));
    }

    static FieldError typeInvalid(String field, Object value, String detail) {
        return new FieldError(Type.TYPE_INVALID, field, withDetail("Invalid value: " + render(value), detail));
    }

    static FieldError notSupported(String field, Object value, List<?> supported) {
        String values = supported.stream().map(FieldError::render).collect(Collectors.joining(", "));
        return new FieldError(Type.NOT_SUPPORTED, field,
                "Unsupported value: " + render(value) + ": supported values: " + values);
    }

    static FieldError tooLong(String field, long max) {
        return new FieldError(Type.TOO_LONG, field, "Too long: may not be more than " + max + " bytes");
    }

    static FieldError tooMany(String field, long actual, long max) {
        return new FieldError(Type.TOO_MANY, field, "Too many: " + actual + ": must have at most " + max + " items");
    }

    static FieldError duplicate(String field, Object value) {
        return new FieldError(Type.DUPLICATE, field, "Duplicate value: " + render(value));
    }

    static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, withDetail("Forbidden", detail));
    }

    private static String withDetail(String head, String detail) {
        return detail == null || detail.isEmpty() ? head : head + ": " + detail;
    }

    /** Go's %#v for the values that occur here: strings quoted, numbers and booleans bare. */
    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        return String.valueOf(value);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        return (field == null ? "<nil>" : field) + ": " + message;
    }
}
