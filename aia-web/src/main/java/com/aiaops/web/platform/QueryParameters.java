package com.aiaops.web.platform;

import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** Optional query parameters: a choice among an enum's values (any case), an id; blank means "not given". */
public final class QueryParameters {
    private QueryParameters() {
    }

    public static <E extends Enum<E>> E oneOf(String name, String text, Class<E> choices, E fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(choices, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.ofField("invalid-parameter", name, "must be one of " + Arrays.stream(choices.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static UUID optionalId(String name, String text) {
        return text == null || text.isBlank() ? null : Ids.parse(text, name);
    }
}
