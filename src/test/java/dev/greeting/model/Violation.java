package dev.greeting.model;

/**
 * One reason the API server would refuse a manifest: the field it names and either the schema
 * keyword that failed ("pattern", "required", "enum", "maxLength", "unknown field", ...) or the
 * message of the CEL rule that failed.
 */
record Violation(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
