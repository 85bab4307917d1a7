package com.aiaops.slo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SLO rows kept on this node for computing statuses again. Every committed ingest makes its service's statuses computed
 * anew, and each computation read its SLO's row again: a quarter of a status computation's samples in the mixed
 * workload (docs/BENCHMARKS.md). A row is taken from here only at the version its reference names and for
 * {@link SloRefs#LIFETIME} at most, the time a reference put back by a read overlapping a deletion lives too; a deletion
 * committed on this node forgets it at once.
 */
@ApplicationScoped
public class SloRows {
    /** Rows kept at most; past it the node starts again from none (they are a few hundred bytes each). */
    static final int MOST = 10_000;

    @Inject
    SloRepository repository;

    @Inject
    Clock clock;

    private final ConcurrentHashMap<UUID, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(Slo slo, Instant until) {
    }

    /** The SLOs these references name, as kept or read now, in no particular order; one deleted meanwhile is left out. */
    List<Slo> of(UUID organizationId, Collection<SloRef> refs) {
        Instant now = clock.instant();
        List<Slo> found = new ArrayList<>(refs.size());
        List<UUID> toRead = new ArrayList<>();
        for (SloRef ref : refs) {
            Kept row = kept.get(ref.id());
            if (row != null && now.isBefore(row.until()) && row.slo().organizationId().equals(organizationId)
                    && row.slo().version() == ref.version()) {
                found.add(row.slo());
            } else {
                toRead.add(ref.id());
            }
        }
        if (!toRead.isEmpty()) {
            List<Slo> read = repository.findAll(organizationId, toRead);
            if (kept.size() + read.size() > MOST) {
                kept.clear();
            }
            Instant until = now.plus(SloRefs.LIFETIME);
            read.forEach(slo -> kept.put(slo.id(), new Kept(slo, until)));
            found.addAll(read);
        }
        return found;
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) SloRefs.SloDeleted deleted) {
        kept.remove(deleted.id());
    }
}
