package com.aiaops.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a finding's overdue answer turns: a list of findings is kept until then. */
class FindingTest {
    private static final Instant SEEN = Instant.parse("2026-03-29T00:30:00Z");
    private static final ScanReport.Vulnerability OPENSSL = new ScanReport.Vulnerability("image (debian 12.5)", "CVE-2026-0001", "openssl",
            "3.0.1", "3.0.2", FindingSeverity.HIGH, "openssl flaw");

    private static Finding finding(Instant dueAt) {
        return new Finding(UUID.randomUUID(), UUID.randomUUID(), OPENSSL, SEEN, dueAt);
    }

    @Test
    void an_open_finding_is_not_overdue_up_to_its_fix_by_date_and_its_answer_holds_until_then() {
        Instant due = SEEN.plus(Duration.ofDays(7));
        Finding open = finding(due);
        for (Instant now : List.of(SEEN, due.minusNanos(1), due)) {
            assertFalse(open.overdue(now));
            assertEquals(due, open.overdueHoldsUntil(now));
            assertFalse(open.overdue(open.overdueHoldsUntil(now)), "the same answer at the last instant it holds");
        }
        assertTrue(open.overdue(due.plusNanos(1)));
        assertEquals(Instant.MAX, open.overdueHoldsUntil(due.plusNanos(1)), "overdue until it changes");
        assertTrue(open.overdue(Instant.MAX));
    }

    @Test
    void a_fixed_finding_answers_for_ever_and_a_reopened_one_keeps_its_fix_by_date() {
        Instant due = SEEN.plus(Duration.ofHours(24));
        Finding finding = finding(due);
        finding.fixed(SEEN.plus(Duration.ofHours(2)));
        assertFalse(finding.overdue(due.plus(Duration.ofDays(3650))));
        assertEquals(Instant.MAX, finding.overdueHoldsUntil(SEEN.plus(Duration.ofHours(3))));

        finding.seen(OPENSSL, SEEN.plus(Duration.ofHours(5)));
        assertEquals(due, finding.overdueHoldsUntil(SEEN.plus(Duration.ofHours(5))));
        // A fix-by date at the end of time never turns.
        Finding farDue = finding(Instant.MAX);
        assertFalse(farDue.overdue(Instant.MAX));
        assertEquals(Instant.MAX, farDue.overdueHoldsUntil(Instant.MAX));
    }
}
