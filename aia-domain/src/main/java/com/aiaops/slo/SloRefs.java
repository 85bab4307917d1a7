package com.aiaops.slo;

import com.aiaops.shared.NotFoundException;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.telemetry.QueryCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The references of SLOs read lately, kept in the cluster's query cache so that a status read finds its cached answer
 * without a query for the SLO's row (that query was 45 % of a cached status read's time, profiled with bench/profile.sh).
 * A definition never changes once made; a deleted SLO's reference is forgotten once the deletion commits, and a reference
 * put back by a read that overlapped the deletion lives {@link #LIFETIME} at most.
 */
@ApplicationScoped
public class SloRefs {
    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final String SET = com.aiaops.shared.KeptSet.of(Slo.class);

    @Inject
    SloRepository repository;

    @Inject
    QueryCache cache;

    /** The organisation's SLO with this id; tenant scoping stays with the repository, as the key holds the organisation. */
    SloRef of(UUID organizationId, UUID id) {
        // An id not found is not remembered: random ids must not crowd out the answers the cache is for.
        return SloRef.parse(id, cache.getForAWhile(key(organizationId, id), LIFETIME, () -> repository.find(organizationId, id)
                .map(slo -> SloRef.of(slo).asText()).orElseThrow(() -> new NotFoundException("SLO", id))));
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) SloDeleted deleted) {
        cache.forgetForAWhile(key(deleted.organizationId(), deleted.id()));
    }

    /**
     * A page of the organisation's SLOs by name, as references: kept under the organisation's SLO set generation, which
     * every committed definition or deletion renews (an SLO is a {@link com.aiaops.shared.KeptSet.Member}), so a page
     * read after a change commits is never the one before it; a definition never changes once made, so nothing else
     * changes a page. {@code read} reads the page when it is not kept.
     */
    Page<SloRef> page(UUID organizationId, PageRequest page, Supplier<Page<Slo>> read) {
        String question = "slo-page|" + page.limit() + "|" + (page.afterKey() == null ? "first" : "after|" + page.afterKey());
        return parsePage(cache.getAboutSet(organizationId, SET, question, () -> pageText(read.get())));
    }

    /** The next cursor (base64url, or nothing on the last page), then one SLO reference a line. */
    static String pageText(Page<Slo> page) {
        StringBuilder text = new StringBuilder(page.nextCursor() == null ? "" : page.nextCursor());
        for (Slo slo : page.items()) {
            text.append('\n').append(slo.id()).append('|').append(SloRef.of(slo).asText());
        }
        return text.toString();
    }

    static Page<SloRef> parsePage(String text) {
        String[] lines = text.split("\n", -1);
        List<SloRef> refs = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            int separator = lines[i].indexOf('|');
            refs.add(SloRef.parse(UUID.fromString(lines[i].substring(0, separator)), lines[i].substring(separator + 1)));
        }
        return new Page<>(refs, lines[0].isEmpty() ? null : lines[0]);
    }

    private static String key(UUID organizationId, UUID id) {
        return "slo-ref|" + organizationId + "|" + id;
    }

    /** Fired when an SLO is deleted, observed once the deletion commits. */
    public record SloDeleted(UUID organizationId, UUID id) {
    }
}
