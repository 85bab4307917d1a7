package com.aiaops.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final UUID ALICE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID CAROL = UUID.fromString("00000000-0000-0000-0000-00000000000c");

    /** Weekly turns, handing off on Mondays at 09:00 Paris time, from Monday 16 March 2026. */
    private static Rotation weekly() {
        return new Rotation(LocalDateTime.parse("2026-03-16T09:00"), PARIS, 1, Rotation.Unit.WEEKS, List.of(ALICE, BOB, CAROL));
    }

    @Test
    void the_hand_off_stays_at_nine_local_across_the_switch_to_summer_time() {
        Rotation rotation = weekly();
        // Before DST (UTC+1): 09:00 Paris is 08:00 UTC. The clocks go forward on Sunday 29 March.
        assertEquals(ALICE, Coverage.onCallAt(rotation, List.of(), Instant.parse("2026-03-23T07:59:00Z")));
        assertEquals(BOB, Coverage.onCallAt(rotation, List.of(), Instant.parse("2026-03-23T08:00:00Z")));
        // After DST (UTC+2): the hand-off on Monday 30 March is at 07:00 UTC, still 09:00 in Paris.
        assertEquals(BOB, Coverage.onCallAt(rotation, List.of(), Instant.parse("2026-03-30T06:59:00Z")));
        assertEquals(CAROL, Coverage.onCallAt(rotation, List.of(), Instant.parse("2026-03-30T07:00:00Z")));
        // And the turns wrap around.
        assertEquals(ALICE, Coverage.onCallAt(rotation, List.of(), Instant.parse("2026-04-06T07:00:00Z")));
    }

    @Test
    void a_turn_that_spans_the_switch_is_an_hour_short() {
        List<Shift> shifts = Coverage.shifts(weekly(), List.of(), Set.of(ALICE, BOB, CAROL),
                Instant.parse("2026-03-23T08:00:00Z"), Instant.parse("2026-03-30T07:00:00Z"));
        assertEquals(1, shifts.size());
        assertEquals(BOB, shifts.get(0).member());
        assertEquals(7 * 24 - 1, java.time.Duration.between(shifts.get(0).start(), shifts.get(0).end()).toHours());
    }

    @Test
    void an_override_takes_precedence_and_the_last_one_wins() {
        Instant from = Instant.parse("2026-03-24T18:00:00Z");
        Instant to = Instant.parse("2026-03-25T06:00:00Z");
        List<Coverage.Override> overrides = List.of(new Coverage.Override(CAROL, from, to, 1),
                new Coverage.Override(ALICE, Instant.parse("2026-03-24T20:00:00Z"), Instant.parse("2026-03-24T22:00:00Z"), 2));
        assertEquals(BOB, Coverage.onCallAt(weekly(), overrides, from.minusSeconds(1)));
        assertEquals(CAROL, Coverage.onCallAt(weekly(), overrides, from));
        assertEquals(ALICE, Coverage.onCallAt(weekly(), overrides, Instant.parse("2026-03-24T21:00:00Z")));
        assertEquals(BOB, Coverage.onCallAt(weekly(), overrides, to));

        List<Shift> shifts = Coverage.shifts(weekly(), overrides, Set.of(ALICE, BOB, CAROL), from.minusSeconds(3600), to.plusSeconds(3600));
        assertEquals(List.of(BOB, CAROL, ALICE, CAROL, BOB), shifts.stream().map(Shift::member).toList());
        assertTrue(shifts.get(1).override());
        assertFalse(shifts.get(0).override());
    }

    @Test
    void gaps_and_empty_shifts_are_flagged() {
        List<Shift> shifts = Coverage.shifts(weekly(), List.of(), Set.of(ALICE, CAROL),
                Instant.parse("2026-03-15T00:00:00Z"), Instant.parse("2026-03-24T00:00:00Z"));
        assertTrue(shifts.get(0).gap(), "before the first hand-off nobody is on call");
        assertNull(shifts.get(0).member());
        Shift bobs = shifts.stream().filter(s -> BOB.equals(s.member())).findFirst().orElseThrow();
        assertTrue(bobs.empty(), "Bob has left the organisation: his shift is empty");
        Rotation nobody = new Rotation(LocalDateTime.parse("2026-03-16T09:00"), PARIS, 1, Rotation.Unit.DAYS, List.of());
        assertTrue(Coverage.shifts(nobody, List.of(), Set.of(), Instant.parse("2026-03-17T00:00:00Z"),
                Instant.parse("2026-03-18T00:00:00Z")).stream().allMatch(Shift::gap));
    }

    @Test
    void hourly_turns_count_elapsed_hours() {
        Rotation hourly = new Rotation(LocalDateTime.parse("2026-03-29T00:00"), PARIS, 4, Rotation.Unit.HOURS, List.of(ALICE, BOB));
        // 00:00 Paris = 23:00 UTC the day before; turns of 4 elapsed hours, whatever the clocks do at 02:00.
        assertEquals(ALICE, Coverage.onCallAt(hourly, List.of(), Instant.parse("2026-03-29T02:59:00Z")));
        assertEquals(BOB, Coverage.onCallAt(hourly, List.of(), Instant.parse("2026-03-29T03:00:00Z")));
    }

    @Test
    void who_is_on_call_holds_until_just_before_the_next_hand_off_across_the_switch_to_summer_time() {
        Rotation rotation = weekly();
        Instant handoff = Instant.parse("2026-03-30T07:00:00Z"); // 09:00 Paris, the first Monday of summer time
        for (Instant at : List.of(Instant.parse("2026-03-23T08:00:00Z"), handoff.minusNanos(1))) {
            assertEquals(handoff.minusNanos(1), Coverage.onCallHoldsUntil(rotation, List.of(), at));
            assertEquals(BOB, Coverage.onCallAt(rotation, List.of(), Coverage.onCallHoldsUntil(rotation, List.of(), at)));
        }
        assertEquals(CAROL, Coverage.onCallAt(rotation, List.of(), handoff));
        assertEquals(Instant.parse("2026-04-06T07:00:00Z").minusNanos(1), Coverage.onCallHoldsUntil(rotation, List.of(), handoff));
        // Before the first hand-off nobody is on call, until it comes.
        Instant first = Instant.parse("2026-03-16T08:00:00Z");
        assertNull(Coverage.onCallAt(rotation, List.of(), first.minusSeconds(86_400)));
        assertEquals(first.minusNanos(1), Coverage.onCallHoldsUntil(rotation, List.of(), first.minusSeconds(86_400)));
    }

    @Test
    void who_is_on_call_holds_until_the_next_start_or_end_of_an_override() {
        Instant from = Instant.parse("2026-03-24T18:00:00Z");
        Instant to = Instant.parse("2026-03-25T06:00:00Z");
        Instant aliceFrom = Instant.parse("2026-03-24T20:00:00Z");
        Instant aliceTo = Instant.parse("2026-03-24T22:00:00Z");
        List<Coverage.Override> overrides = List.of(new Coverage.Override(CAROL, from, to, 1), new Coverage.Override(ALICE, aliceFrom, aliceTo, 2));
        assertEquals(from.minusNanos(1), Coverage.onCallHoldsUntil(weekly(), overrides, from.minusSeconds(1)));
        assertEquals(aliceFrom.minusNanos(1), Coverage.onCallHoldsUntil(weekly(), overrides, from));
        assertEquals(aliceTo.minusNanos(1), Coverage.onCallHoldsUntil(weekly(), overrides, aliceFrom));
        assertEquals(to.minusNanos(1), Coverage.onCallHoldsUntil(weekly(), overrides, aliceTo));
        assertEquals(Instant.parse("2026-03-30T07:00:00Z").minusNanos(1), Coverage.onCallHoldsUntil(weekly(), overrides, to));
        // At every instant it names, the answer is still the one it was computed for.
        for (Instant at : List.of(from.minusSeconds(1), from, aliceFrom, aliceTo, to)) {
            assertEquals(Coverage.onCallAt(weekly(), overrides, at), Coverage.onCallAt(weekly(), overrides, Coverage.onCallHoldsUntil(weekly(), overrides, at)));
        }
    }
}
