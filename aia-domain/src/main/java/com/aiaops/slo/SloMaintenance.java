package com.aiaops.slo;

import com.aiaops.maintenance.Intervals;
import com.aiaops.maintenance.MaintenanceService;
import com.aiaops.maintenance.MaintenanceWindow;
import com.aiaops.shared.KeptSet;
import com.aiaops.shared.Sha256;
import com.aiaops.telemetry.QueryCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The maintenance SLO statuses count out, kept in the cluster's query cache under the organisation's maintenance set,
 * which every committed announcement, change or cancellation renews. A status computed again after an ingest read the
 * windows again each time, though an ingest changes none: 15 % of a status computation's samples in the mixed workload
 * (docs/BENCHMARKS.md). The span asked is whole minutes, so one answer serves a minute's computations.
 */
@ApplicationScoped
public class SloMaintenance {
    private static final String SET = KeptSet.of(MaintenanceWindow.class);

    @Inject
    MaintenanceService maintenance;

    @Inject
    QueryCache cache;

    /** The merged maintenance intervals of these services inside [from, to), by service, as the maintenance service has them. */
    Map<UUID, List<Intervals.Interval>> excludedIntervals(UUID organizationId, Collection<UUID> serviceIds, Instant from, Instant to) {
        List<UUID> services = serviceIds.stream().distinct().sorted().toList();
        String question = "slo-maintenance|" + from + "|" + to + "|" + Sha256.hex(services.stream().map(UUID::toString)
                .collect(Collectors.joining(",")));
        return parse(cache.getAboutSet(organizationId, SET, question,
                () -> text(maintenance.excludedIntervals(organizationId, services, from, to))));
    }

    /** One line per service: its id, then each interval as epoch milliseconds "from-to", separated by spaces. */
    static String text(Map<UUID, List<Intervals.Interval>> byService) {
        StringBuilder text = new StringBuilder();
        byService.forEach((service, intervals) -> {
            text.append(service);
            intervals.forEach(i -> text.append(' ').append(i.from().toEpochMilli()).append('-').append(i.to().toEpochMilli()));
            text.append('\n');
        });
        return text.toString();
    }

    static Map<UUID, List<Intervals.Interval>> parse(String text) {
        Map<UUID, List<Intervals.Interval>> byService = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(" ");
            List<Intervals.Interval> intervals = new ArrayList<>(parts.length - 1);
            for (int i = 1; i < parts.length; i++) {
                int dash = parts[i].indexOf('-', 1); // epoch milliseconds before 1970 start with their own '-'
                intervals.add(new Intervals.Interval(Instant.ofEpochMilli(Long.parseLong(parts[i].substring(0, dash))),
                        Instant.ofEpochMilli(Long.parseLong(parts[i].substring(dash + 1)))));
            }
            byService.put(UUID.fromString(parts[0]), List.copyOf(intervals));
        }
        return byService;
    }
}
