package com.aiaops.slo;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The SLOs whose status was read on this node lately, with the minute of their last read: those whose next minute's
 * status is worth preparing before the minute begins. Only ids are kept, so an SLO edited since is prepared as it is
 * now. Bounded, so a scrape of every SLO cannot grow it without end.
 */
@ApplicationScoped
public class LatelyRead {
    /** The most SLOs remembered; reads of others are not remembered until some are forgotten. */
    static final int MAX_REMEMBERED = 20_000;

    private record Read(UUID organizationId, Instant minute) {
    }

    private final Map<UUID, Read> reads = new ConcurrentHashMap<>();

    void read(Collection<SloRef> slos, Instant minute) {
        for (SloRef slo : slos) {
            Read last = reads.get(slo.id());
            if (last != null && last.minute().equals(minute)) {
                continue; // already known to be read in this minute: a page read again and again writes nothing
            }
            if (last != null || reads.size() < MAX_REMEMBERED) {
                reads.put(slo.id(), new Read(slo.organizationId(), minute));
            }
        }
    }

    /** The ids of the SLOs last read in this minute or later, by organisation; the others are forgotten. */
    Map<UUID, List<UUID>> since(Instant minute) {
        reads.values().removeIf(read -> read.minute().isBefore(minute));
        return reads.entrySet().stream().collect(Collectors.groupingBy(e -> e.getValue().organizationId(),
                Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
    }
}
