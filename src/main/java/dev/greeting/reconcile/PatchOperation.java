package dev.greeting.reconcile;

/** One RFC 6902-style operation of an API Gateway update call ({@code op}, {@code path}, {@code value}). */
public record PatchOperation(String op, String path, String value) {
    public static PatchOperation replace(String path, String value) {
        return new PatchOperation("replace", path, value);
    }

    public static PatchOperation add(String path, String value) {
        return new PatchOperation("add", path, value);
    }

    public static PatchOperation remove(String path) {
        return new PatchOperation("remove", path, null);
    }
}
