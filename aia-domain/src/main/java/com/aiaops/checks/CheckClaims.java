package com.aiaops.checks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The database work of running checks, each step in its own short transaction. */
@ApplicationScoped
public class CheckClaims {
    @Inject
    CheckRepository repository;

    @Transactional
    public List<CheckRepository.Due> due(Instant now, int max) {
        return repository.due(now, max);
    }

    /**
     * Claims the due run; the next run is due one interval after this one was (or after now, if the check fell
     * behind, so a backlog is never replayed in a burst).
     */
    @Transactional
    public boolean claim(CheckRepository.Due due, Instant now) {
        Instant next = due.nextRunAt().plusSeconds(due.intervalSeconds());
        if (!next.isAfter(now)) {
            next = now.plusSeconds(due.intervalSeconds());
        }
        return repository.claim(due.id(), due.nextRunAt(), next) == 1;
    }

    /** Records a run's outcome on the check and in its history. */
    @Transactional
    public void record(java.util.UUID checkId, CheckRun run) {
        repository.find(checkId).ifPresent(check -> {
            check.record(run);
            repository.add(new CheckResult(checkId, run));
        });
    }

    /** The heartbeat check with this secret's digest, in whichever organisation it is. */
    @Transactional
    public java.util.Optional<Check> heartbeat(String digest) {
        return repository.byHeartbeatDigest(digest);
    }

    /** A beat: the check is up and its last beat is now. */
    @Transactional
    public void recordBeat(java.util.UUID checkId, CheckRun run) {
        repository.find(checkId).ifPresent(check -> {
            check.beat(run.at());
            check.record(run);
            repository.add(new CheckResult(checkId, run));
        });
    }
}
