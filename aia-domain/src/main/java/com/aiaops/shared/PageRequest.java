package com.aiaops.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A client's request for a page: an opaque cursor (the last key of the previous page, encoded) and
 * a limit. Invalid values are refused as bad requests.
 */
public record PageRequest(String afterKey, int limit, boolean newestFirst) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String cursor, String limitText) {
        return of(cursor, limitText, null);
    }

    /**
     * With an order: {@code oldest} (the default) or {@code newest} first, for lists whose key grows with time (ids
     * made from the time they were created). A cursor holds its order: one from the other order is refused.
     */
    public static PageRequest of(String cursor, String limitText, String order) {
        boolean newestFirst = false;
        if (order != null && !order.isBlank()) {
            if (!order.equals("oldest") && !order.equals("newest")) {
                throw new InvalidRequestException("invalid-parameter", "order is oldest or newest",
                        List.of(new InvalidRequestException.Violation("order", "'" + clip(order) + "' is neither oldest nor newest")));
            }
            newestFirst = order.equals("newest");
        }
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
        return new PageRequest(decode(cursor, newestFirst), limit, newestFirst);
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** Builds the page from up to {@code limit + 1} rows fetched in key order. */
    public <T> Page<T> toPage(List<T> rowsFetched, Function<T, String> keyOf) {
        if (rowsFetched.size() <= limit) {
            return new Page<>(rowsFetched, null);
        }
        List<T> items = rowsFetched.subList(0, limit);
        return new Page<>(List.copyOf(items), encode(keyOf.apply(items.get(limit - 1)), newestFirst));
    }

    private static InvalidRequestException invalidLimit(String text) {
        return new InvalidRequestException("invalid-parameter", "limit must be an integer from 1 to " + MAX_LIMIT,
                List.of(new InvalidRequestException.Violation("limit", "'" + text + "' is not between 1 and " + MAX_LIMIT)));
    }

    /**
     * A cursor is the key with a check of it, so that one this API did not write (garbage, a truncated copy, a key
     * edited by hand) is a 400 instead of an arbitrary page.
     */
    private static String decode(String cursor, boolean newestFirst) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        int separator = text.indexOf(':');
        if (separator != CHECK_LENGTH || !check(text.substring(separator + 1), newestFirst).equals(text.substring(0, separator))) {
            throw invalidCursor();
        }
        return text.substring(separator + 1);
    }

    private static InvalidRequestException invalidCursor() {
        return new InvalidRequestException("invalid-parameter", "cursor is not one this API returned",
                List.of(new InvalidRequestException.Violation("cursor", "not a valid cursor; use nextCursor of the previous page")));
    }

    private static final int CHECK_LENGTH = 12;

    private static String check(String key, boolean newestFirst) {
        return Sha256.hex(CURSOR_SALT + (newestFirst ? "newest|" : "") + key).substring(0, CHECK_LENGTH);
    }

    private static final String CURSOR_SALT = "aia-ops cursor v1|";

    private static String encode(String key, boolean newestFirst) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((check(key, newestFirst) + ":" + key).getBytes(StandardCharsets.UTF_8));
    }
}
