package com.aiaops.audit;

import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records changes in the organisation's chain, lists them, verifies the chain, redacts for erasure. */
@ApplicationScoped
public class AuditLog {
    /** Verification reads the chain in slices, so a long history never loads at once. */
    private static final int VERIFY_BATCH = 500;
    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withFormatting(false));

    @Inject
    AuditRepository repository;

    @Inject
    Clock clock;

    /**
     * Appends a change to the caller's organisation's chain, in the caller's transaction: the change and its
     * audit event commit together or not at all. Snapshots are maps so that their JSON is stable.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, String action, String targetType, Object targetId,
                       Map<String, ?> before, Map<String, ?> after) {
        AuditChainHead head = repository.lockHead(caller.organizationId());
        // Millisecond precision: every supported database stores it exactly, so hashes recompute identically.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        repository.add(head.append(now, caller.auditActor(), action, targetType,
                targetId == null ? null : targetId.toString(), toJson(before), toJson(after)));
    }

    /**
     * An operation that reads or moves data in bulk without changing the organisation's rows (a backup, its download, a
     * restore drill, a report): recorded in a transaction of its own, whether or not the caller is in one.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordOperation(Caller caller, String action, String targetType, Object targetId, Map<String, ?> details) {
        record(caller, action, targetType, targetId, null, details);
    }

    @Transactional
    public Page<AuditEvent> list(Caller caller, PageRequest page) {
        long after = 0;
        if (page.afterKey() != null) {
            try {
                after = Long.parseLong(page.afterKey());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("invalid-parameter", "cursor is not one this API returned");
            }
        }
        List<AuditEvent> rows = repository.pageAfter(caller.organizationId(), after, page.limit() + 1);
        return page.toPage(rows, e -> Long.toString(e.sequenceNumber()));
    }

    /** Walks the whole chain from the first event and reports the first link that does not hold. */
    @Transactional
    public ChainVerification verify(Caller caller) {
        UUID org = caller.organizationId();
        String expectedPrevious = AuditChainHead.GENESIS;
        long expectedSequence = 1;
        long checked = 0;
        while (true) {
            List<AuditEvent> batch = repository.pageAfter(org, expectedSequence - 1, VERIFY_BATCH);
            for (AuditEvent event : batch) {
                String problem = problemWith(event, expectedSequence, expectedPrevious);
                if (problem != null) {
                    return ChainVerification.broken(checked, expectedSequence, problem);
                }
                checked++;
                expectedSequence++;
                expectedPrevious = event.hash();
            }
            if (batch.size() < VERIFY_BATCH) {
                break;
            }
        }
        AuditChainHead head = repository.findHead(org);
        long headSequence = head == null ? 0 : head.lastSequenceNumber();
        if (headSequence != checked || (head != null && !head.lastHash().equals(expectedPrevious))) {
            return ChainVerification.broken(checked, checked + 1,
                    "the chain ends at event " + checked + " but its head records event " + headSequence
                            + ": events at the end are missing");
        }
        return ChainVerification.intact(checked);
    }

    private static String problemWith(AuditEvent event, long expectedSequence, String expectedPrevious) {
        if (event.sequenceNumber() != expectedSequence) {
            return "event " + expectedSequence + " is missing (found " + event.sequenceNumber() + " next)";
        }
        if (!event.previousHash().equals(expectedPrevious)) {
            return "event " + expectedSequence + " does not link to the hash of the event before it";
        }
        if (!event.hash().equals(event.computeHash())) {
            return "event " + expectedSequence + " was altered: its hash does not match its contents";
        }
        if (!event.payloadIntact()) {
            return "event " + expectedSequence + " was altered: its before/after state does not match its digest";
        }
        return null;
    }

    /** Redacts the payloads of events about these targets or containing this text (erasure). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int redact(UUID organizationId, String targetType, List<String> targetIds, List<String> personalTexts) {
        Instant now = clock.instant();
        List<AuditEvent> events = new ArrayList<>(repository.concerning(organizationId, targetType, targetIds));
        for (String text : personalTexts) {
            if (text != null && !text.isBlank()) {
                events.addAll(repository.mentioning(organizationId, text));
            }
        }
        events.forEach(e -> e.redact(now));
        return (int) events.stream().map(AuditEvent::sequenceNumber).distinct().count();
    }

    private static String toJson(Map<String, ?> snapshot) {
        return snapshot == null ? null : JSON.toJson(new java.util.TreeMap<>(snapshot));
    }

    /** The outcome of a verification: intact, or the first broken link and why. */
    public record ChainVerification(boolean intact, long eventsChecked, Long firstBrokenSequence, String reason) {
        static ChainVerification intact(long checked) {
            return new ChainVerification(true, checked, null, null);
        }

        static ChainVerification broken(long checked, long sequence, String reason) {
            return new ChainVerification(false, checked, sequence, reason);
        }
    }
}
