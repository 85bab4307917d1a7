package com.aiaops.web.platform;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.slo.SloDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Query parameters for time: ISO-8601 instants (UTC), OpenSLO-style durations, quantile lists. */
public final class TimeParameters {
    private TimeParameters() {
    }

    public static Instant instant(String name, String text, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            Instant at = Instant.parse(text.trim());
            int year = at.atOffset(java.time.ZoneOffset.UTC).getYear();
            if (year < StrictJson.MIN_YEAR || year > StrictJson.MAX_YEAR) {
                throw InvalidRequestException.ofField("invalid-parameter", name, "must be within the years " + StrictJson.MIN_YEAR
                        + " to " + StrictJson.MAX_YEAR);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.ofField("invalid-parameter", name, "must be an ISO-8601 instant in UTC, such as 2026-11-22T10:00:00Z");
        }
    }

    public static Duration duration(String name, String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return SloDuration.parse(text).fixedLength();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw InvalidRequestException.ofField("invalid-parameter", name, "must be a duration such as 1m, 5m, 1h or 1d");
        }
    }

    public static List<Double> quantiles(String text) {
        if (text == null || text.isBlank()) {
            return List.of(0.5, 0.95, 0.99);
        }
        List<Double> quantiles = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                quantiles.add(Double.parseDouble(part.trim()));
            } catch (NumberFormatException e) {
                throw InvalidRequestException.ofField("invalid-parameter", "quantiles", "must be numbers from 0 to 1 separated by commas, e.g. 0.5,0.95,0.99");
            }
        }
        if (quantiles.size() > 20) {
            throw InvalidRequestException.ofField("invalid-parameter", "quantiles", "at most 20 quantiles");
        }
        return quantiles;
    }

}
