package com.aiaops.demo;

import com.aiaops.access.Caller;
import com.aiaops.access.OrganizationScope;
import com.aiaops.shared.DomainException;
import com.aiaops.telemetry.MinuteAggregate;
import com.aiaops.telemetry.TelemetryIngest;
import com.aiaops.tenancy.Organization;
import com.aiaops.tenancy.TenancyRepository;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The demo's live traffic: every minute, the fleet's last minute of requests goes in through the telemetry ingest, as an
 * agent's would (one batch a minute, its Idempotency-Key the minute, so a repeat is dropped). It goes on from where the
 * story's history ended; after a restart it starts again at the current minute (the fleet was down with the platform:
 * a gap, never a minute counted twice). Only for the demo organisation, only while {@code aia.demo.enabled} is true.
 */
@Singleton
public class DemoFleet {
    private static final Duration MAX_CATCH_UP = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(DemoFleet.class);

    @Inject
    @ConfigProperty(name = "aia.demo.enabled", defaultValue = "false")
    boolean demoEnabled;

    @Inject
    TenancyRepository tenancy;

    @Inject
    TelemetryIngest telemetry;

    @Inject
    Clock clock;

    @Inject
    PlatformStartup startup;

    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    @Schedule(hour = "*", minute = "*", second = "5", persistent = false, info = "demo fleet")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void everyMinute() {
        if (demoEnabled && startup.completed()) {
            send(DemoData.SLUG);
        }
    }

    /** The story's history ends before {@code minute}: the fleet goes on from there. */
    public void continueFrom(String slug, Instant minute) {
        lastSent.put(slug, minute.minus(Duration.ofMinutes(1)));
    }

    /** Sends the minutes of the organisation {@code slug} not sent yet, up to the last whole minute; how many minutes went. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int send(String slug) {
        Optional<Organization> organization = tenancy.organizationBySlug(slug);
        if (organization.isEmpty()) {
            return 0;
        }
        Instant last = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        Instant sentBefore = lastSent.get(slug);
        Instant from = sentBefore == null ? last : sentBefore.plus(Duration.ofMinutes(1));
        if (from.isBefore(last.minus(MAX_CATCH_UP))) {
            from = last.minus(MAX_CATCH_UP); // the clock jumped ahead: an hour is enough to catch up
        }
        int sent = 0;
        Caller fleet = Caller.system(organization.get().id());
        for (Instant minute = from; !minute.isAfter(last); minute = minute.plus(Duration.ofMinutes(1))) {
            Instant at = minute;
            List<MinuteAggregate> batch = DemoStory.FLEET.stream().map(p -> DemoTraffic.minute(p, at)).toList();
            try {
                OrganizationScope.within(fleet.organizationId(), () -> telemetry.ingestMinutes(fleet, "demo-fleet:" + at, batch));
                sent++;
            } catch (DomainException refused) {
                // A member may have removed a service of the fleet: the demo says so and goes on with the next minute.
                LOG.warnf("The demo fleet's minute %s was refused: %s", at, refused.getMessage());
            }
            lastSent.put(slug, at);
        }
        return sent;
    }
}
