package com.aiaops.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A client's request for a page: an opaque cursor (the last key of the previous page, encoded) and
 * a limit. Invalid values are refused as bad requests.
 */
public record PageRequest(String afterKey, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String cursor, String limitText) {
        int limit = DEFAULT_LIMIT;
        if (limitText != null && !limitText.isBlank()) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                throw invalidLimit(limitText);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw invalidLimit(limitText);
            }
        }
        return new PageRequest(decode(cursor), limit);
    }

    /** Builds the page from up to {@code limit + 1} rows fetched in key order. */
    public <T> Page<T> toPage(List<T> rowsFetched, Function<T, String> keyOf) {
        if (rowsFetched.size() <= limit) {
            return new Page<>(rowsFetched, null);
        }
        List<T> items = rowsFetched.subList(0, limit);
        return new Page<>(List.copyOf(items), encode(keyOf.apply(items.get(limit - 1))));
    }

    private static InvalidRequestException invalidLimit(String text) {
        return new InvalidRequestException("invalid-parameter", "limit must be an integer from 1 to " + MAX_LIMIT,
                List.of(new InvalidRequestException.Violation("limit", "'" + text + "' is not between 1 and " + MAX_LIMIT)));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid-parameter", "cursor is not one this API returned",
                    List.of(new InvalidRequestException.Violation("cursor", "not a valid cursor")));
        }
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
