package com.aiaops.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Claims of schedule firings: the first node to insert a firing's row starts the job; any other skips it. */
@ApplicationScoped
public class ScheduleFirings {
    static final Duration KEPT = Duration.ofDays(30);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ScheduleFirings self;

    /**
     * True if this node claimed the firing. The insert runs in a transaction of its own: a duplicate key (another
     * node's timer for the same firing committed first) rolls back only that insert.
     */
    public boolean claim(String job, Instant nextTimeout) {
        try {
            self.insert(job, nextTimeout);
            return true;
        } catch (RuntimeException e) {
            Optional<ScheduleFiring> other = self.find(job, nextTimeout);
            if (other.isPresent()) {
                return false;
            }
            throw e;
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void insert(String job, Instant nextTimeout) {
        em.persist(new ScheduleFiring(job, nextTimeout, JobLeases.node(), clock.instant()));
        em.flush();
        em.createQuery("delete from ScheduleFiring f where f.job = :job and f.nextTimeout < :old").setParameter("job", job)
                .setParameter("old", clock.instant().minus(KEPT)).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<ScheduleFiring> find(String job, Instant nextTimeout) {
        return Optional.ofNullable(em.find(ScheduleFiring.class, ScheduleFiring.idOf(job, nextTimeout)));
    }
}
