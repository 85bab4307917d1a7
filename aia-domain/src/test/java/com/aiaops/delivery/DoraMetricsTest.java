package com.aiaops.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DoraMetricsTest {
    private static final Instant FROM = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-16T00:00:00Z"); // two weeks
    private static final UUID CHECKOUT = UUID.randomUUID();
    private static final UUID SEARCH = UUID.randomUUID();

    private static DoraMetrics.Deploy deploy(UUID service, String finished, Duration leadTime) {
        Instant at = Instant.parse(finished);
        return new DoraMetrics.Deploy(UUID.randomUUID(), service, at.minus(leadTime), at);
    }

    @Test
    void theSameFiguresAreSaidOfAnotherWindowOfTheSameLengthOnly() {
        DoraMetrics.Result result = DoraMetrics.compute(FROM, TO, List.of(deploy(CHECKOUT, "2026-11-03T09:00:00Z", Duration.ofHours(2))),
                List.of(), Duration.ofHours(24));
        DoraMetrics.Result later = result.over(FROM.plusNanos(1), TO.plusNanos(1));
        assertEquals(FROM.plusNanos(1), later.from());
        assertEquals(TO.plusNanos(1), later.to());
        assertEquals(new DoraMetrics.Result(FROM, TO, later.deployments(), later.deploymentDays(), later.deploymentDaysPerWeek(),
                later.medianLeadTime(), later.failedChanges(), later.changeFailureRate(), later.restoredIncidents(),
                later.medianTimeToRestore(), later.failedDeploymentIds()), result);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> result.over(FROM, TO.plusNanos(1)),
                "a longer window has fewer deployment days a week");
    }

    @Test
    void frequencyCountsDeploymentDaysAndLeadTimeIsTheMedian() {
        List<DoraMetrics.Deploy> deploys = List.of(
                deploy(CHECKOUT, "2026-11-02T09:00:00Z", Duration.ofHours(1)),
                deploy(CHECKOUT, "2026-11-02T15:00:00Z", Duration.ofHours(3)), // same day: one deployment day
                deploy(SEARCH, "2026-11-05T10:00:00Z", Duration.ofHours(5)),
                deploy(CHECKOUT, "2026-11-10T10:00:00Z", Duration.ofDays(9)),   // one slow change does not swamp the median
                deploy(CHECKOUT, "2026-11-01T10:00:00Z", Duration.ofHours(1))); // before the window: ignored
        DoraMetrics.Result r = DoraMetrics.compute(FROM, TO, deploys, List.of(), Duration.ofHours(24));
        assertEquals(4, r.deployments());
        assertEquals(3, r.deploymentDays());
        assertEquals(1.5, r.deploymentDaysPerWeek(), 1e-12);
        assertEquals(Duration.ofHours(4), r.medianLeadTime()); // (3 h + 5 h) / 2
        assertEquals(0.0, r.changeFailureRate());
        assertNull(r.medianTimeToRestore());
    }

    @Test
    void anIncidentIsAttributedToTheServicesLastDeploymentWithinTheWindowOnly() {
        DoraMetrics.Deploy early = deploy(CHECKOUT, "2026-11-03T08:00:00Z", Duration.ofHours(1));
        DoraMetrics.Deploy late = deploy(CHECKOUT, "2026-11-03T12:00:00Z", Duration.ofHours(1));
        DoraMetrics.Deploy other = deploy(SEARCH, "2026-11-03T13:00:00Z", Duration.ofHours(1));
        DoraMetrics.Deploy old = deploy(CHECKOUT, "2026-11-07T09:00:00Z", Duration.ofHours(1));
        List<DoraMetrics.IncidentFact> incidents = List.of(
                // 2 h after 'late' on checkout: late caused it (not early, not search's deployment).
                new DoraMetrics.IncidentFact(UUID.randomUUID(), List.of(CHECKOUT), Instant.parse("2026-11-03T14:00:00Z"),
                        Instant.parse("2026-11-03T14:30:00Z")),
                // 3 days after 'old': outside the 24 h window, no deployment is blamed.
                new DoraMetrics.IncidentFact(UUID.randomUUID(), List.of(CHECKOUT), Instant.parse("2026-11-10T09:00:00Z"),
                        Instant.parse("2026-11-10T11:30:00Z")),
                new DoraMetrics.IncidentFact(UUID.randomUUID(), List.of(SEARCH), Instant.parse("2026-11-12T09:00:00Z"), null));
        DoraMetrics.Result r = DoraMetrics.compute(FROM, TO, List.of(early, late, other, old), incidents, Duration.ofHours(24));
        assertEquals(List.of(late.id()), r.failedDeploymentIds());
        assertEquals(0.25, r.changeFailureRate(), 1e-12);
        assertEquals(2, r.restoredIncidents());
        assertEquals(Duration.ofMinutes(90), r.medianTimeToRestore()); // (30 min + 150 min) / 2; the open one is not counted
        DoraMetrics.Result wider = DoraMetrics.compute(FROM, TO, List.of(early, late, other, old), incidents, Duration.ofDays(4));
        assertEquals(0.5, wider.changeFailureRate(), 1e-12);
    }

    @Test
    void aRolledBackDeploymentAndAFailedDeploymentAreFailedChangesToo() {
        DoraMetrics.Deploy kept = deploy(CHECKOUT, "2026-11-03T08:00:00Z", Duration.ofHours(1));
        DoraMetrics.Deploy rolledBack = deploy(CHECKOUT, "2026-11-04T08:00:00Z", Duration.ofHours(1));
        DoraMetrics.Deploy rollback = deploy(CHECKOUT, "2026-11-04T09:00:00Z", Duration.ofHours(2));
        DoraMetrics.Deploy failedAttempt = deploy(CHECKOUT, "2026-11-05T08:00:00Z", Duration.ofHours(1));
        DoraMetrics.Deploy failedBefore = deploy(CHECKOUT, "2026-10-01T08:00:00Z", Duration.ofHours(1));
        DoraMetrics.Result r = DoraMetrics.compute(FROM, TO, List.of(kept, rolledBack, rollback), List.of(), Duration.ofHours(24),
                java.util.Set.of(rolledBack.id()), List.of(failedAttempt, failedBefore));
        assertEquals(3, r.deployments(), "a failed attempt is no deployment");
        assertEquals(List.of(rolledBack.id(), failedAttempt.id()), r.failedDeploymentIds());
        assertEquals(2.0 / 4, r.changeFailureRate(), 1e-12); // 2 failed of 4 changes: 3 deployed, 1 failed to deploy
        assertEquals(0.0, DoraMetrics.compute(FROM, TO, List.of(kept), List.of(), Duration.ofHours(24)).changeFailureRate(), 1e-12);
    }

    @Test
    void levelsComeFromTheNamedBandSet() {
        DoraBands.BandSet y2024 = DoraBands.named("2024").orElseThrow();
        DoraBands.BandSet y2021 = DoraBands.named("2021").orElseThrow();
        assertEquals(DoraBands.Level.ELITE, y2024.leadTime(Duration.ofHours(20)));
        assertEquals(DoraBands.Level.HIGH, y2021.leadTime(Duration.ofHours(20))); // 2021's elite needed under an hour
        assertEquals(DoraBands.Level.ELITE, y2024.changeFailureRate(0.05));
        assertEquals(DoraBands.Level.HIGH, y2024.changeFailureRate(0.15));
        assertEquals(DoraBands.Level.LOW, y2024.changeFailureRate(0.5));
        assertEquals(DoraBands.Level.ELITE, y2021.changeFailureRate(0.15));
        assertEquals(DoraBands.Level.HIGH, y2024.deploymentFrequency(1.5));
        assertEquals(DoraBands.Level.MEDIUM, y2024.deploymentFrequency(0.5));
        assertEquals(DoraBands.Level.LOW, y2024.deploymentFrequency(0.1));
        assertEquals(DoraBands.Level.HIGH, y2024.timeToRestore(Duration.ofHours(3)));
        assertEquals(List.of("2021", "2023", "2024"), DoraBands.all().stream().map(DoraBands.BandSet::name).toList());
    }
}
