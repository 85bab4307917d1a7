package com.aiaops.web.platform;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemMapperTest {
    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void a_commit_that_fails_because_the_database_went_away_is_a_503_to_retry() {
        // As the transaction manager reports it: the rollback, with the lost connection only as a suppressed exception.
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new IllegalStateException("IJ001156: Could not commit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertEquals(503, mapper.problemFor(new RuntimeException(rollback)).status());
    }

    @Test
    void a_rollback_for_any_other_reason_stays_a_500() {
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new IllegalStateException("something else"));
        assertEquals(500, mapper.problemFor(new RuntimeException(rollback)).status());
    }

    @Test
    void a_busy_ingest_lane_is_a_503_of_its_own_type() {
        Problem problem = mapper.problemFor(new com.aiaops.shared.BusyException("ingest-busy", "send it again", 1));
        assertEquals(503, problem.status());
        assertEquals("urn:aia-ops:problem:ingest-busy", problem.type());
    }
}
