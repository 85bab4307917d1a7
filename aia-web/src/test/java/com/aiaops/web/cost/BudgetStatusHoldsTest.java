package com.aiaops.web.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long a budget status, kept, stays as computed: until the first month asked that is still running ends. */
class BudgetStatusHoldsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T21:15:00Z");
    private static final Instant DECEMBER_LAST_NANO = Instant.parse("2026-12-31T23:59:59.999999999Z");

    @Test
    void a_running_month_holds_to_its_last_nanosecond() {
        assertEquals(DECEMBER_LAST_NANO, CostResource.statusesTrueUntil(List.of(YearMonth.of(2026, 12)), NOW));
    }

    @Test
    void an_ended_month_holds_for_ever_and_a_range_until_its_first_running_month_ends() {
        assertEquals(Instant.MAX, CostResource.statusesTrueUntil(List.of(YearMonth.of(2026, 11)), NOW));
        assertEquals(DECEMBER_LAST_NANO, CostResource.statusesTrueUntil(
                List.of(YearMonth.of(2026, 11), YearMonth.of(2026, 12), YearMonth.of(2027, 1), YearMonth.of(2027, 2)), NOW));
        // A month asked ahead of time also ends: its status changes then.
        assertEquals(Instant.parse("2027-01-31T23:59:59.999999999Z"), CostResource.statusesTrueUntil(List.of(YearMonth.of(2027, 1)), NOW));
    }

    @Test
    void at_the_very_end_of_a_month_it_is_over() {
        Instant end = Instant.parse("2027-01-01T00:00:00Z");
        assertEquals(Instant.MAX, CostResource.statusesTrueUntil(List.of(YearMonth.of(2026, 12)), end));
        assertEquals(DECEMBER_LAST_NANO, CostResource.statusesTrueUntil(List.of(YearMonth.of(2026, 12)), end.minusNanos(1)));
    }
}
