package com.aiaops.telemetry;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes minute roll-ups older than {@code aia.telemetry.minute-retention} (default 35 days, more than a
 * 30-day Timeslices window needs); hour and day roll-ups are kept. A persistent timer in the database
 * store, so one node of the cluster runs it each hour.
 */
@Singleton
public class MinuteRetention {
    private static final Logger LOG = Logger.getLogger(MinuteRetention.class);

    @Inject
    RollupRepository rollups;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "aia.telemetry.minute-retention", defaultValue = "P35D")
    Duration retention;

    @Schedule(hour = "*", minute = "7", persistent = true, info = "telemetry minute retention")
    public void purge() {
        Instant cutoff = clock.instant().minus(retention);
        int deleted = rollups.deleteMinutesBefore(cutoff);
        LOG.infof("Deleted %d minute roll-ups older than %s", deleted, cutoff);
    }
}
