package com.aiaops.shared;

import java.time.Instant;

/**
 * ISO-8601 instants in their common written form, read and written without java.time's general formatters: telemetry
 * ingest reads and digests one per observation, and {@code OffsetDateTime.parse} with {@code Instant.toString} were a
 * third of its time. Reading recognises only the form nearly every client writes and leaves every other text to
 * {@code OffsetDateTime.parse}, so what is accepted, and as which instant, is exactly what that would decide.
 */
public final class InstantText {
    private static final int SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits and no sign. */
    private static final long FIRST_FOUR_DIGIT_SECOND = -62_167_219_200L;
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

    private InstantText() {
    }

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.f…f](Z|±HH:MM)} (one to nine fraction digits, an upper-case T and Z),
     * or null when the text has any other form or names no valid date, time or offset — the caller then asks
     * {@code OffsetDateTime.parse}, which accepts other forms (lower case, seconds left out, offsets with seconds) or says
     * what is wrong.
     */
    public static Instant parseCommon(CharSequence text) {
        return parseCommon(text, 0, text.length());
    }

    /** {@link #parseCommon(CharSequence)} of the characters from {@code from} to {@code to} (exclusive). */
    public static Instant parseCommon(CharSequence whole, int from, int to) {
        CharSequence text = from == 0 && to == whole.length() ? whole : new Window(whole, from, to);
        int length = to - from;
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int fractionDigits = 0;
            at++;
            while (at < length && fractionDigits < 10 && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                fractionDigits++;
                at++;
            }
            if (fractionDigits == 0 || fractionDigits > 9) {
                return null;
            }
            for (int pad = fractionDigits; pad < 9; pad++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int offsetHours = digits(text, at + 1, 2);
            int offsetMinutes = digits(text, at + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetHours > 18 || offsetHours == 18 && offsetMinutes > 0) {
                return null;
            }
            offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return null;
        }
        long epochSecond = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** Appends exactly what {@link StringBuilder#append(Object)} would ({@link Instant#toString()}, or "null"). */
    public static StringBuilder append(StringBuilder out, Instant instant) {
        if (instant == null) {
            return out.append("null");
        }
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < FIRST_FOUR_DIGIT_SECOND || epochSecond > LAST_FOUR_DIGIT_SECOND) {
            return out.append(instant); // signed or five-digit years: rare enough for the general formatter
        }
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // Civil date from days since 1970-01-01 (proleptic Gregorian, eras of 400 years).
        long days = epochDay + 719_468;
        long era = Math.floorDiv(days, 146_097);
        long dayOfEra = days - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        pad(out, year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(out, nanos / 1_000, 6);
            } else {
                pad(out, nanos, 9);
            }
        }
        return out.append('Z');
    }

    /** Characters of a longer text, read in place (a body of thousands of instants is not copied one by one). */
    private record Window(CharSequence whole, int from, int to) implements CharSequence {
        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return whole.charAt(from + index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return whole.subSequence(from + start, from + end);
        }

        @Override
        public String toString() {
            return whole.subSequence(from, to).toString();
        }
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int bound = 10, digits = 1; digits < width; bound *= 10, digits++) {
            if (value < bound) {
                out.append('0');
            }
        }
        return out.append(value);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (year 0 and later). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The value of {@code count} decimal digits from {@code from}, or -1 when any of them is not one. */
    private static int digits(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
