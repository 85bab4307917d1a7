package com.aiaops.slo;

import com.aiaops.access.OrganizationScope;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Prepares, in the last seconds of a minute, the next minute's statuses of the SLOs read on this node in this minute or
 * the one before, so that their readers find them cached when the minute begins instead of all waiting for the
 * evaluation then (every status of a page at once, the slowest answers of the SLO reads). Prepared under the services'
 * current generations: an ingest or a maintenance change after the preparation makes them unreachable as it makes any
 * answer, so nothing older than a status computed on demand is ever served.
 */
@Singleton
@jakarta.ejb.ConcurrencyManagement(jakarta.ejb.ConcurrencyManagementType.BEAN) // its state is atomic; a scrape never waits
public class StatusesAhead {
    private static final Logger LOG = Logger.getLogger(StatusesAhead.class);
    /** How late in a minute the next one is prepared: late enough to be current, early enough to be done in time. */
    static final int FROM_SECOND = 40;

    @Inject
    SloService slos;

    @Inject
    LatelyRead lately;

    @Inject
    Clock clock;

    private final AtomicReference<Instant> preparedFor = new AtomicReference<>(Instant.EPOCH);
    private final AtomicLong prepared = new AtomicLong();

    /** Every 10 s, and acts once a minute: by the platform's clock, which a test server may run ahead. */
    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false, info = "SLO statuses of the next minute")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void prepareNextMinute() {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant next = minute.plus(Duration.ofMinutes(1));
        if (now.atZone(java.time.ZoneOffset.UTC).getSecond() < FROM_SECOND || next.equals(preparedFor.get())) {
            return;
        }
        // Any instant inside the next minute gives the same whole-minute windows: its first microsecond.
        Instant at = next.plus(1, ChronoUnit.MICROS);
        lately.since(minute.minus(Duration.ofMinutes(1))).forEach((organizationId, ofOrganization) -> {
            try {
                int count = OrganizationScope.within(organizationId, () -> slos.prepare(organizationId, ofOrganization, at));
                prepared.addAndGet(count);
            } catch (RuntimeException e) {
                // Its readers evaluate on demand, as without preparation, and meet the same failure there.
                LOG.warnf(e, "The next minute's SLO statuses of organisation %s could not be prepared", organizationId);
            }
        });
        preparedFor.set(next);
    }

    /** SLO statuses prepared ahead on this node. */
    public long prepared() {
        return prepared.get();
    }

    /** The minute this node last prepared statuses for (the epoch before the first). */
    public Instant preparedFor() {
        return preparedFor.get();
    }
}
