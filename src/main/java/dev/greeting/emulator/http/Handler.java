package dev.greeting.emulator.http;

/** Serves one operation. Throws {@link AwsException} for the errors AWS would answer. */
@FunctionalInterface
public interface Handler {
    ApiResponse handle(ApiRequest request);
}
