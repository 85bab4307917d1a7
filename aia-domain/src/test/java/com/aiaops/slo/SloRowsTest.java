package com.aiaops.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SloRowsTest {
    private static final UUID ORGANIZATION = UUID.randomUUID();
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private final Map<UUID, Slo> stored = new HashMap<>();
    private final List<List<UUID>> reads = new ArrayList<>();
    private Instant now = START;
    private final SloRows rows = new SloRows();

    SloRowsTest() {
        rows.clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        rows.repository = new SloRepository() {
            @Override
            public List<Slo> findAll(UUID organizationId, Collection<UUID> ids) {
                reads.add(List.copyOf(ids));
                return ids.stream().map(stored::get).filter(slo -> slo != null && slo.organizationId().equals(organizationId)).toList();
            }
        };
    }

    private Slo stored(UUID organizationId) {
        SloSpec spec = new SloSpec(0.999, TimeWindow.rolling(SloDuration.parse("30d")), BudgetingMethod.OCCURRENCES, null, null, 0,
                BurnRateRule.workbookDefaults());
        Slo slo = new Slo(organizationId, UUID.randomUUID(), "slo", null, Indicator.AVAILABILITY, null, false, false, spec, null, START);
        stored.put(slo.id(), slo);
        return slo;
    }

    @Test
    void a_row_read_once_is_taken_from_the_node_until_its_lifetime_ends() {
        Slo slo = stored(ORGANIZATION);
        assertSame(slo, rows.of(ORGANIZATION, List.of(SloRef.of(slo))).get(0));
        now = START.plus(SloRefs.LIFETIME).minusMillis(1);
        assertSame(slo, rows.of(ORGANIZATION, List.of(SloRef.of(slo))).get(0));
        assertEquals(1, reads.size(), "read once");
        now = START.plus(SloRefs.LIFETIME);
        rows.of(ORGANIZATION, List.of(SloRef.of(slo)));
        assertEquals(2, reads.size(), "read again once its lifetime ended");
    }

    @Test
    void only_the_rows_not_kept_are_read_and_a_reference_of_another_version_or_organisation_reads_again() {
        Slo kept = stored(ORGANIZATION);
        Slo other = stored(ORGANIZATION);
        rows.of(ORGANIZATION, List.of(SloRef.of(kept)));
        assertEquals(2, rows.of(ORGANIZATION, List.of(SloRef.of(kept), SloRef.of(other))).size());
        assertEquals(List.of(List.of(kept.id()), List.of(other.id())), reads, "the second read asks only for the row not kept");

        rows.of(ORGANIZATION, List.of(new SloRef(kept.id(), ORGANIZATION, kept.serviceId(), kept.version() + 1)));
        assertEquals(List.of(kept.id()), reads.get(2), "a reference of another version is not answered from the kept row");

        UUID elsewhere = UUID.randomUUID();
        assertEquals(List.of(), rows.of(elsewhere, List.of(new SloRef(kept.id(), elsewhere, kept.serviceId(), kept.version()))),
                "another organisation asking for the id gets nothing: the row is not its own");
        assertEquals(4, reads.size());
    }

    @Test
    void a_deleted_slo_is_forgotten_at_once_and_then_left_out_of_the_answer() {
        Slo slo = stored(ORGANIZATION);
        rows.of(ORGANIZATION, List.of(SloRef.of(slo)));
        stored.remove(slo.id());
        rows.forget(new SloRefs.SloDeleted(ORGANIZATION, slo.id()));
        assertEquals(List.of(), rows.of(ORGANIZATION, List.of(SloRef.of(slo))));
        assertEquals(2, reads.size());
    }

    @Test
    void past_the_most_rows_kept_the_node_starts_again_from_none() {
        List<Slo> many = new ArrayList<>();
        for (int i = 0; i < SloRows.MOST; i++) {
            many.add(stored(ORGANIZATION));
        }
        rows.of(ORGANIZATION, many.stream().map(SloRef::of).toList());
        Slo one = stored(ORGANIZATION);
        rows.of(ORGANIZATION, List.of(SloRef.of(one)));
        rows.of(ORGANIZATION, List.of(SloRef.of(many.get(0))));
        assertEquals(List.of(many.get(0).id()), reads.get(2), "cleared when the 10,001st row came");
        rows.of(ORGANIZATION, List.of(SloRef.of(one)));
        assertEquals(3, reads.size(), "the row read after the clearing is kept");
    }
}
