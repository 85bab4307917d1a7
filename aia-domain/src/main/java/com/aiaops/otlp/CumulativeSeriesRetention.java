package com.aiaops.otlp;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets cumulative series not seen for longer than telemetry is accepted (plus a day): a point that comes after such
 * a pause could only start a new baseline. A persistent timer in the database store: one node runs it each hour.
 */
@Singleton
public class CumulativeSeriesRetention {
    private static final Logger LOG = Logger.getLogger(CumulativeSeriesRetention.class);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "aia.telemetry.max-age", defaultValue = "P7D")
    Duration maxAge;

    @Schedule(hour = "*", minute = "17", persistent = true, info = "OTLP cumulative series retention")
    public void purge() {
        Instant cutoff = clock.instant().minus(maxAge).minus(Duration.ofDays(1));
        int deleted = em.createQuery("delete from CumulativeSeries s where s.lastSeenAt < :cutoff").setParameter("cutoff", cutoff)
                .executeUpdate();
        LOG.infof("Forgot %d OTLP cumulative series not seen since %s", deleted, cutoff);
    }
}
