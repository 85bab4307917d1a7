package com.aiaops.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path must agree with java.time on every text: the same instant, or no answer so that java.time decides. */
class InstantTextTest {
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    /** What the API accepted before the fast path: null where OffsetDateTime.parse refuses. */
    private static Instant javaTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void agrees(String text) {
        Instant fast = InstantText.parseCommon(text);
        if (fast != null) {
            assertEquals(javaTime(text), fast, text);
        }
    }

    private static String written(long epochSecond, int nanos, int offsetSeconds, int fractionDigits) {
        OffsetDateTime local = Instant.ofEpochSecond(epochSecond, nanos).atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds));
        StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", local.getYear(), local.getMonthValue(),
                local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond()));
        if (fractionDigits > 0) {
            text.append('.').append(String.format("%09d", nanos), 0, fractionDigits);
        }
        return text.append(offsetSeconds == 0 ? "Z" : ZoneOffset.ofTotalSeconds(offsetSeconds).getId()).toString();
    }

    @Test
    void common_texts_are_read_as_java_time_reads_them() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            int offset = random.nextInt(5) == 0 ? 0 : (random.nextInt(36 * 60 + 1) - 18 * 60) * 60;
            long second = FIRST + 18 * 3600 + (long) (random.nextDouble() * (LAST - FIRST - 36 * 3600));
            int fractionDigits = random.nextInt(10);
            int nanos = fractionDigits == 0 ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, 9 - fractionDigits)
                    * (int) Math.pow(10, 9 - fractionDigits);
            String text = written(second, nanos, offset, fractionDigits);
            Instant fast = InstantText.parseCommon(text);
            assertNotNull(fast, text);
            assertEquals(OffsetDateTime.parse(text).toInstant(), fast, text);
        }
    }

    @Test
    void a_changed_character_never_makes_it_read_what_java_time_would_not() {
        Random random = new Random(11);
        String alphabet = "0123456789-:T.Z+zt ";
        for (int i = 0; i < 200_000; i++) {
            long second = 0 + (long) (random.nextDouble() * 300L * 365 * 86_400);
            StringBuilder text = new StringBuilder(written(second, random.nextInt(1_000_000_000), 0, random.nextInt(10)));
            for (int changes = 1 + random.nextInt(2); changes > 0; changes--) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (at < text.length()) text.deleteCharAt(at); }
                    default -> { if (at < text.length()) text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
                }
            }
            agrees(text.toString());
        }
    }

    @Test
    void dates_times_and_offsets_that_do_not_exist_are_left_to_java_time() {
        for (String text : List.of("2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z", "2026-06-30T23:59:60Z",
                "2026-01-01T00:60:00Z", "2026-01-01T00:00:00+18:01", "2026-01-01T00:00:00+19:00", "2026-01-01T00:00:00+05:60",
                "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z",
                "2026-01-01t00:00:00z", "2026-01-01T00:00Z", "2026-01-01T00:00:00+01:00:30", "+2026-01-01T00:00:00Z",
                "２０２６-01-01T00:00:00Z", "2026-01-01T00:00:00Z ")) {
            assertNull(InstantText.parseCommon(text), text);
        }
        for (String text : List.of("2024-02-29T23:59:59.999999999+18:00", "2000-02-29T00:00:00-18:00", "1970-01-01T00:00:00-00:00",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.5Z", "1969-12-31T23:59:59.000000001Z")) {
            assertEquals(OffsetDateTime.parse(text).toInstant(), InstantText.parseCommon(text), text);
        }
    }

    @Test
    void instants_are_written_as_instant_to_string_writes_them() {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            long second = FIRST - 86_400 + (long) (random.nextDouble() * (LAST - FIRST + 2 * 86_400));
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertEquals(instant.toString(), InstantText.append(new StringBuilder(), instant).toString());
        }
        for (Instant instant : List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.ofEpochSecond(FIRST), Instant.ofEpochSecond(LAST, 999_999_999),
                Instant.ofEpochSecond(LAST + 1), Instant.ofEpochSecond(FIRST - 1), Instant.parse("2024-02-29T12:00:00.000001Z"))) {
            assertEquals(instant.toString(), InstantText.append(new StringBuilder("x"), instant).substring(1));
        }
        assertEquals("null", InstantText.append(new StringBuilder(), null).toString());
    }
}
