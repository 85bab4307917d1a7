package com.aiaops.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The digest text of an observation is the one it has always had, so a retry across an upgrade is still known. */
class ObservationTest {
    @Test
    void the_digest_text_is_the_first_releases() {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            Observation o = new Observation(random.nextInt(10) == 0 ? null : "svc-" + random.nextInt(100),
                    random.nextInt(10) == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(4) == 0 ? 0
                            : random.nextInt(1_000_000_000)),
                    random.nextInt(5) == 0 ? null : 100 + random.nextInt(500),
                    random.nextInt(3) == 0 ? null : Observation.Outcome.values()[random.nextInt(2)],
                    random.nextInt(5) == 0 ? null : random.nextInt(3) == 0 ? (double) random.nextInt(1000) : random.nextDouble() * 3_600_000);
            String first = o.service() + "|" + o.timestamp() + "|" + o.status() + "|" + o.outcome() + "|" + o.latencyMs();
            StringBuilder now = new StringBuilder();
            o.appendCanonical(now);
            assertEquals(first, now.toString());
        }
    }
}
