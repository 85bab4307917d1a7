package com.aiaops.slo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated edge cases of SLO math: any calendar start and any moment within the years the API accepts, in zones with
 * DST gaps; any counts a minute may hold. The status is a number or NO_DATA, never an exception.
 */
class SloEdgeCasePropertiesTest {
    private static final long MINUTE_CAPACITY = 10_000_000_000L;

    @Provide
    Arbitrary<LocalDateTime> localTimes() {
        return Arbitraries.longs().between(LocalDateTime.of(1970, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                LocalDateTime.of(9999, 12, 31, 23, 59).toEpochSecond(ZoneOffset.UTC))
                .map(s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return localTimes().map(t -> t.toInstant(ZoneOffset.UTC));
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia")
                .map(ZoneId::of);
    }

    @Provide
    Arbitrary<String> calendarWindows() {
        return Arbitraries.of("1M", "3M", "12M", "1Q", "4Q", "1Y", "1d", "7d", "4w", "400d");
    }

    @Property(tries = 2000)
    void a_calendar_slo_at_any_start_and_moment_is_evaluated_or_not_in_force(@ForAll("localTimes") LocalDateTime start,
                                                                            @ForAll("instants") Instant now,
                                                                            @ForAll("zones") ZoneId zone,
                                                                            @ForAll("calendarWindows") String window) {
        SloSpec spec = new SloSpec(0.999, TimeWindow.calendar(SloDuration.parse(window), start, zone), BudgetingMethod.OCCURRENCES,
                null, null, 0, BurnRateRule.workbookDefaults());
        SloStatus status = SloEvaluator.evaluate(spec, now, new SloEvaluatorTest.Minutes());
        assertEquals(SloStatus.State.NO_DATA, status.state());
        assertNull(status.sli());
        if (spec.window().startsAfter(now)) {
            assertTrue(status.windowStart().isAfter(now), "the first period is still to come");
            assertTrue(status.burnRates().isEmpty());
        } else {
            assertFalse(status.windowStart().isAfter(now), "the period holds now");
            assertTrue(status.windowEnd().isAfter(now), "the period holds now");
        }
        assertTrue(Double.isFinite(status.budgetMinutes()) && status.budgetMinutes() > 0);
    }

    /**
     * The service reads what {@code reads} names before it evaluates, so every window the evaluation counts must be among
     * them and every question about excluded time inside their span; or the read-ahead is wasted (or, were there no
     * fallback, wrong).
     */
    @Property(tries = 500)
    void the_reads_named_ahead_are_the_ones_the_evaluation_makes(@ForAll("localTimes") LocalDateTime start, @ForAll("instants") Instant now,
                                                                 @ForAll("zones") ZoneId zone, @ForAll("calendarWindows") String window,
                                                                 @ForAll boolean calendar, @ForAll BudgetingMethod method) {
        TimeWindow timeWindow = calendar ? TimeWindow.calendar(SloDuration.parse(window), start, zone)
                : TimeWindow.rolling(SloDuration.parse(window.endsWith("d") || window.endsWith("w") ? window : "30d"));
        SloSpec spec = new SloSpec(0.999, timeWindow, method, method == BudgetingMethod.TIMESLICES ? 0.95 : null,
                method == BudgetingMethod.OCCURRENCES ? null : Duration.ofMinutes(5), 0, BurnRateRule.workbookDefaults());
        SloEvaluator.Reads reads = SloEvaluator.reads(spec, now);
        java.util.List<String> unnamed = new java.util.ArrayList<>();
        SloEvaluator.evaluate(spec, now, new SloEvaluator.CountSource() {
            @Override
            public com.aiaops.telemetry.Counts counts(Instant from, Instant to) {
                if (!reads.counted().contains(new SloEvaluator.Span(from, to))) {
                    unnamed.add("counts " + from + " to " + to);
                }
                return com.aiaops.telemetry.Counts.NONE;
            }

            @Override
            public java.util.List<com.aiaops.telemetry.Counts> slices(Instant from, Instant to, Duration slice) {
                inSpan("slices", from, to);
                return java.util.List.of();
            }

            @Override
            public Duration excluded(Instant from, Instant to) {
                inSpan("excluded", from, to);
                return Duration.ZERO;
            }

            private void inSpan(String what, Instant from, Instant to) {
                if (reads.excludedSpan() == null || from.isBefore(reads.excludedSpan().from()) || to.isAfter(reads.excludedSpan().to())) {
                    unnamed.add(what + " " + from + " to " + to + " outside " + reads.excludedSpan());
                }
            }
        });
        assertTrue(unnamed.isEmpty(), unnamed.toString());
        for (SloEvaluator.Span span : reads.counted()) {
            assertFalse(span.from().isBefore(reads.excludedSpan().from()) || span.to().isAfter(reads.excludedSpan().to()),
                    "maintenance inside " + span + " is read with the span " + reads.excludedSpan());
        }
    }

    @Property(tries = 1000)
    void counts_at_the_bounds_of_a_minute_give_finite_statuses(@ForAll("counts") long total, @ForAll("fractions") double goodShare) {
        long good = (long) Math.floor(total * goodShare);
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        SloEvaluatorTest.Minutes minutes = new SloEvaluatorTest.Minutes().fill(now.minus(Duration.ofHours(2)), now, good, total);
        SloSpec spec = new SloSpec(0.999, TimeWindow.rolling(SloDuration.parse("28d")), BudgetingMethod.OCCURRENCES, null, null, 0,
                BurnRateRule.workbookDefaults());
        SloStatus status = SloEvaluator.evaluate(spec, now, minutes);
        assertTrue(status.totalEvents() >= 0 && status.goodEvents() <= status.totalEvents());
        assertTrue(Double.isFinite(status.budgetConsumed()));
        status.burnRates().forEach(b -> assertTrue(Double.isFinite(b.burnRate()), b.toString()));
    }

    @Provide
    Arbitrary<Long> counts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, MINUTE_CAPACITY),
                Arbitraries.of(0L, 1L, MINUTE_CAPACITY - 1, MINUTE_CAPACITY));
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1), Arbitraries.of(0.0, 1.0, 0.999, 0.999999999));
    }
}
