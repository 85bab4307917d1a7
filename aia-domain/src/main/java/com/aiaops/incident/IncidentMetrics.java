package com.aiaops.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Response metrics over a set of incidents (means, as the handbooks state them): MTTA = mean(first
 * acknowledgement − trigger), MTTR = mean(resolution − trigger), MTBF = mean time between consecutive
 * triggers. Each is null when nothing was there to measure.
 */
public record IncidentMetrics(int incidents, Duration mtta, Duration mttr, Duration mtbf, int responseSlaMissed) {

    public static IncidentMetrics of(List<Incident> incidents, Instant now) {
        Duration mtta = mean(incidents.stream().filter(i -> i.acknowledgedAt() != null)
                .map(i -> Duration.between(i.triggeredAt(), i.acknowledgedAt())).toList());
        Duration mttr = mean(incidents.stream().filter(i -> i.resolvedAt() != null)
                .map(i -> Duration.between(i.triggeredAt(), i.resolvedAt())).toList());
        List<Instant> triggers = incidents.stream().map(Incident::triggeredAt).sorted(Comparator.naturalOrder()).toList();
        Duration mtbf = null;
        if (triggers.size() > 1) {
            mtbf = Duration.between(triggers.get(0), triggers.get(triggers.size() - 1)).dividedBy(triggers.size() - 1);
        }
        int missed = (int) incidents.stream().filter(i -> i.responseSlaMissed(now)).count();
        return new IncidentMetrics(incidents.size(), mtta, mttr, mtbf, missed);
    }

    private static Duration mean(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        return durations.stream().filter(Objects::nonNull).reduce(Duration.ZERO, Duration::plus).dividedBy(durations.size());
    }
}
