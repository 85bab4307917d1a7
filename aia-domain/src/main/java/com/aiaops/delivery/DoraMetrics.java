package com.aiaops.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The four DORA metrics over a window, computed from plain facts so they are tested on their own. Definitions
 * (Four Keys): deployment frequency counts the days with at least one successful production deployment; lead
 * time is the median of (deployment finished − first commit); change failure rate is the share of successful
 * production deployments that caused at least one incident, an incident being attributed to the service's last
 * deployment finished within the attribution window before it; time to restore is the median of (incident
 * resolved − incident triggered). Medians, not means: one stuck change must not swamp the rest.
 */
public final class DoraMetrics {
    private DoraMetrics() {
    }

    /** A successful production deployment. */
    public record Deploy(UUID id, UUID serviceId, Instant firstCommitAt, Instant finishedAt) {
    }

    /** An incident on some services; resolvedAt null while open. */
    public record IncidentFact(UUID id, List<UUID> serviceIds, Instant triggeredAt, Instant resolvedAt) {
    }

    public record Result(Instant from, Instant to, int deployments, int deploymentDays, double deploymentDaysPerWeek,
                         Duration medianLeadTime, int failedChanges, Double changeFailureRate, int restoredIncidents,
                         Duration medianTimeToRestore, List<UUID> failedDeploymentIds) {
        /** The same figures over another window of the same length. */
        public Result over(Instant otherFrom, Instant otherTo) {
            if (!Duration.between(otherFrom, otherTo).equals(Duration.between(from, to))) {
                throw new IllegalArgumentException("a window of another length has other figures");
            }
            return new Result(otherFrom, otherTo, deployments, deploymentDays, deploymentDaysPerWeek, medianLeadTime, failedChanges,
                    changeFailureRate, restoredIncidents, medianTimeToRestore, failedDeploymentIds);
        }
    }

    /**
     * @param deploys    successful production deployments that may matter: those finished in [from, to) and those
     *                   finished up to the attribution window before {@code from}, so attributions near the edge are right
     * @param incidents  incidents triggered in [from, to)
     */
    public static Result compute(Instant from, Instant to, List<Deploy> deploys, List<IncidentFact> incidents, Duration attributionWindow) {
        return compute(from, to, deploys, incidents, attributionWindow, Set.of(), List.of());
    }

    /**
     * As above, with the other ways a change fails in production (DORA: it needed remediation): {@code rolledBack}, the
     * successful deployments a later deployment rolled back, fail as changes; {@code failedAttempts}, production
     * deployments that failed (finished in the window), are changes that failed: counted in change failure rate's
     * numerator and denominator, not in deployment frequency or lead time.
     */
    public static Result compute(Instant from, Instant to, List<Deploy> deploys, List<IncidentFact> incidents, Duration attributionWindow,
                                 Set<UUID> rolledBack, List<Deploy> failedAttempts) {
        List<Deploy> inWindow = deploys.stream().filter(d -> !d.finishedAt().isBefore(from) && d.finishedAt().isBefore(to)).toList();
        Set<LocalDate> days = new HashSet<>();
        inWindow.forEach(d -> days.add(LocalDate.ofInstant(d.finishedAt(), ZoneOffset.UTC)));
        double weeks = Duration.between(from, to).toMinutes() / (7 * 24 * 60.0);

        List<Duration> leadTimes = inWindow.stream().filter(d -> d.firstCommitAt() != null)
                .map(d -> Duration.between(d.firstCommitAt(), d.finishedAt())).toList();

        Set<UUID> failed = new HashSet<>();
        for (IncidentFact incident : incidents) {
            for (UUID service : incident.serviceIds()) {
                deploys.stream()
                        .filter(d -> d.serviceId().equals(service) && !d.finishedAt().isAfter(incident.triggeredAt())
                                && Duration.between(d.finishedAt(), incident.triggeredAt()).compareTo(attributionWindow) <= 0)
                        .max(Comparator.comparing(Deploy::finishedAt))
                        .ifPresent(d -> failed.add(d.id()));
            }
        }
        failed.addAll(rolledBack);
        List<UUID> failedInWindow = new java.util.ArrayList<>(inWindow.stream().map(Deploy::id).filter(failed::contains).toList());
        List<Deploy> attemptsInWindow = failedAttempts.stream().filter(d -> !d.finishedAt().isBefore(from) && d.finishedAt().isBefore(to)).toList();
        attemptsInWindow.forEach(d -> failedInWindow.add(d.id()));
        int changes = inWindow.size() + attemptsInWindow.size();

        List<Duration> restore = incidents.stream().filter(i -> i.resolvedAt() != null)
                .map(i -> Duration.between(i.triggeredAt(), i.resolvedAt())).toList();

        return new Result(from, to, inWindow.size(), days.size(), weeks == 0 ? 0 : days.size() / weeks, median(leadTimes),
                failedInWindow.size(), changes == 0 ? null : failedInWindow.size() / (double) changes,
                restore.size(), median(restore), failedInWindow);
    }

    /** The median; of an even count, the mean of the two middle values. Null for none. */
    static Duration median(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }
}
