package dev.greeting.emulator.apigateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a collection as API Gateway answers it ({@code {"item": [...], "position": "..."}}):
 * at most {@code limit} items (default 25, at most 500) from an opaque {@code position}, which is
 * present only when more items follow.
 */
record Page<T>(@JsonProperty("item") List<T> items, String position) {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 500;

    static <T> Page<T> of(List<T> all, ApiRequest request) {
        int limit = limit(request);
        int from = request.queryParam("position").map(Page::decode).orElse(0);
        int to = Math.min(all.size(), from + limit);
        List<T> items = from >= all.size() ? List.of() : List.copyOf(all.subList(from, to));
        return new Page<>(items, to < all.size() ? encode(to) : null);
    }

    private static int limit(ApiRequest request) {
        String raw = request.queryParam("limit").orElse(null);
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw AwsException.badRequest("Invalid limit specified: " + raw);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw AwsException.badRequest("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String position) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(position), StandardCharsets.UTF_8);
            if (!text.startsWith("o:")) {
                throw new IllegalArgumentException(text);
            }
            int offset = Integer.parseInt(text.substring(2));
            if (offset < 0) {
                throw new IllegalArgumentException(text);
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest("Invalid position specified: " + position);
        }
    }
}
