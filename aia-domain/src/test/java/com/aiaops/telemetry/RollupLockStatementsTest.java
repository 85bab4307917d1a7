package com.aiaops.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How a group's roll-up keys are cut into locking statements: one service each, ranges of one resolution, bounded, and
 * every key once in the keys' order (the order every transaction locks in, so that none deadlocks another).
 */
class RollupLockStatementsTest {
    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");
    private static final UUID SERVICE = new UUID(1, 1);
    private static final UUID OTHER = new UUID(2, 2);

    @Test
    void one_service_with_minutes_hours_and_a_day_is_one_statement_of_three_ranges_in_key_order() {
        SortedSet<RollupKey> keys = new TreeSet<>();
        keys.add(minute(SERVICE, 34));
        keys.add(minute(SERVICE, 35));
        keys.add(minute(SERVICE, 36));
        keys.add(new RollupKey(SERVICE, Resolution.HOUR, NOON));
        keys.add(new RollupKey(SERVICE, Resolution.DAY, NOON.minus(Duration.ofHours(12))));
        var statements = RollupRepository.lockStatements(keys, RollupRepository.RANGES_PER_LOCK);
        assertEquals(1, statements.size());
        assertEquals(List.of(Resolution.MINUTE, Resolution.HOUR, Resolution.DAY),
                statements.get(0).stream().map(range -> range.get(0).resolution()).toList());
        assertEquals(3, statements.get(0).get(0).size());
        assertEveryKeyOnceInOrder(keys, statements);
    }

    @Test
    void each_service_has_statements_of_its_own() {
        SortedSet<RollupKey> keys = new TreeSet<>(List.of(minute(SERVICE, 1), minute(OTHER, 1), minute(OTHER, 2)));
        var statements = RollupRepository.lockStatements(keys, RollupRepository.RANGES_PER_LOCK);
        assertEquals(2, statements.size());
        statements.forEach(statement -> assertEquals(1, statement.stream().flatMap(List::stream).map(RollupKey::serviceId).distinct().count()));
        assertEveryKeyOnceInOrder(keys, statements);
    }

    @Test
    void a_gap_wider_than_the_limit_starts_a_new_range_and_one_at_the_limit_does_not() {
        var within = RollupRepository.lockStatements(new TreeSet<>(List.of(minute(SERVICE, 0), minute(SERVICE, RollupRepository.MAX_GAP))),
                RollupRepository.RANGES_PER_LOCK);
        assertEquals(1, within.get(0).size());
        var beyond = RollupRepository.lockStatements(new TreeSet<>(List.of(minute(SERVICE, 0), minute(SERVICE, RollupRepository.MAX_GAP + 1))),
                RollupRepository.RANGES_PER_LOCK);
        assertEquals(1, beyond.size());
        assertEquals(2, beyond.get(0).size());
    }

    @Test
    void ranges_and_keys_past_a_statements_bounds_go_to_the_next_statement() {
        SortedSet<RollupKey> farApart = new TreeSet<>();
        for (int i = 0; i <= RollupRepository.RANGES_PER_LOCK; i++) {
            farApart.add(minute(SERVICE, i * 1_000));
        }
        var byRanges = RollupRepository.lockStatements(farApart, RollupRepository.RANGES_PER_LOCK);
        assertEquals(List.of(RollupRepository.RANGES_PER_LOCK, 1), byRanges.stream().map(List::size).toList());
        assertEveryKeyOnceInOrder(farApart, byRanges);

        SortedSet<RollupKey> many = new TreeSet<>();
        for (int i = 0; i < 2_500; i++) {
            many.add(minute(SERVICE, i));
        }
        var byKeys = RollupRepository.lockStatements(many, RollupRepository.RANGES_PER_LOCK);
        assertEquals(List.of(1_000, 1_000, 500), byKeys.stream().map(s -> s.stream().mapToInt(List::size).sum()).toList());
        assertEveryKeyOnceInOrder(many, byKeys);
    }

    @Test
    void with_one_range_a_statement_each_range_is_alone() {
        SortedSet<RollupKey> keys = new TreeSet<>(List.of(minute(SERVICE, 1), minute(SERVICE, 2), new RollupKey(SERVICE, Resolution.HOUR, NOON),
                new RollupKey(SERVICE, Resolution.DAY, NOON.minus(Duration.ofHours(12)))));
        var statements = RollupRepository.lockStatements(keys, 1);
        assertEquals(3, statements.size());
        statements.forEach(statement -> assertEquals(1, statement.size()));
        assertEveryKeyOnceInOrder(keys, statements);
    }

    private static void assertEveryKeyOnceInOrder(SortedSet<RollupKey> keys, List<List<List<RollupKey>>> statements) {
        List<RollupKey> flattened = new ArrayList<>();
        statements.forEach(statement -> statement.forEach(flattened::addAll));
        assertEquals(new ArrayList<>(keys), flattened);
        for (List<List<RollupKey>> statement : statements) {
            for (List<RollupKey> range : statement) {
                assertTrue(range.stream().allMatch(k -> k.resolution() == range.get(0).resolution()), "a range has one resolution");
            }
        }
    }

    private static RollupKey minute(UUID service, int minutesAfterNoon) {
        return new RollupKey(service, Resolution.MINUTE, NOON.plus(Duration.ofMinutes(minutesAfterNoon)));
    }
}
