package com.aiaops.slo;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SLOs whose status was read on this node lately, with the minute of their last read: those whose next minute's
 * status is worth preparing before the minute begins. Bounded, so a scrape of every SLO cannot grow it without end.
 */
@ApplicationScoped
public class LatelyRead {
    /** The most SLOs remembered; reads of others are not remembered until some are forgotten. */
    static final int MAX_REMEMBERED = 20_000;

    private record Read(Slo slo, Instant minute) {
    }

    private final Map<UUID, Read> reads = new ConcurrentHashMap<>();

    void read(Collection<Slo> slos, Instant minute) {
        for (Slo slo : slos) {
            if (reads.size() < MAX_REMEMBERED || reads.containsKey(slo.id())) {
                reads.put(slo.id(), new Read(slo, minute));
            }
        }
    }

    /** The SLOs last read in this minute or later; the others are forgotten. */
    List<Slo> since(Instant minute) {
        reads.values().removeIf(read -> read.minute().isBefore(minute));
        return reads.values().stream().map(Read::slo).toList();
    }
}
