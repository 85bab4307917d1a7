package com.aiaops.slo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenSLO duration: a whole number and a unit, {@code m h d w M Q Y}. Months, quarters and years
 * are calendar units: their length depends on where they start.
 */
public record SloDuration(int amount, char unit) {
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,5})([mhdwMQY])");

    public SloDuration {
        if (amount < 1 || "mhdwMQY".indexOf(unit) < 0) {
            throw new IllegalArgumentException("not an OpenSLO duration: " + amount + unit);
        }
    }

    public static SloDuration parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an OpenSLO duration such as 5m, 1h, 28d, 4w, 1M, 1Q or 1Y");
        }
        return new SloDuration(Integer.parseInt(m.group(1)), m.group(2).charAt(0));
    }

    public boolean isCalendarUnit() {
        return unit == 'M' || unit == 'Q' || unit == 'Y';
    }

    /** The fixed length of a duration in minutes, hours, days or weeks. */
    public Duration fixedLength() {
        return switch (unit) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            case 'w' -> Duration.ofDays(7L * amount);
            default -> throw new IllegalStateException(this + " is a calendar duration: its length depends on where it starts");
        };
    }

    @Override
    public String toString() {
        return amount + String.valueOf(unit);
    }
}
