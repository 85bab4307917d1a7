package com.aiaops.jobs;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Taking, renewing and giving back execution leases, and finding the executions whose node died. */
@ApplicationScoped
public class JobLeases {
    /** A lease not renewed for this long belongs to a dead node (renewals come every 20 s). */
    public static final Duration STALE = Duration.ofSeconds(90);
    static final Instant JVM_STARTED = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    public static String node() {
        return System.getProperty("jboss.node.name", "node");
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void take(long executionId, String jobName) {
        JobLease lease = em.find(JobLease.class, executionId);
        if (lease != null) {
            em.remove(lease);
            em.flush();
        }
        em.persist(new JobLease(executionId, jobName, node(), JVM_STARTED, Instant.now()));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(long executionId) {
        JobLease lease = em.find(JobLease.class, executionId);
        if (lease != null) {
            em.remove(lease);
        }
    }

    /** Renews this node's leases (this JVM's only: a lease from this node's earlier life is a crash to recover). */
    @Transactional
    public int renew() {
        return em.createQuery("update JobLease l set l.renewedAt = :now where l.node = :node and l.nodeStartedAt = :started")
                .setParameter("now", Instant.now()).setParameter("node", node()).setParameter("started", JVM_STARTED).executeUpdate();
    }

    /** Leases of executions whose node died: not renewed in time, or this node's from before it restarted. */
    @Transactional
    public List<JobLease> orphans() {
        return em.createQuery("select l from JobLease l where l.renewedAt < :stale or (l.node = :node and l.nodeStartedAt <> :started)",
                        JobLease.class).setParameter("stale", Instant.now().minus(STALE)).setParameter("node", node())
                .setParameter("started", JVM_STARTED).getResultList();
    }

    /**
     * Claims an orphan for recovery (a conditional delete: one node wins) and marks its execution, and the steps it
     * was running, FAILED in the job repository, so that it can be restarted from its last checkpoint.
     */
    @Transactional
    public boolean claimAndFail(JobLease orphan) {
        int claimed = em.createQuery("delete from JobLease l where l.executionId = :id and l.renewedAt = :renewed")
                .setParameter("id", orphan.executionId()).setParameter("renewed", orphan.renewedAt()).executeUpdate();
        if (claimed != 1) {
            return false;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
             PreparedStatement job = c.prepareStatement("update JOB_EXECUTION set BATCHSTATUS = 'FAILED', EXITSTATUS = 'CRASHED', "
                     + "ENDTIME = ?, LASTUPDATEDTIME = ? where JOBEXECUTIONID = ? and BATCHSTATUS in ('STARTING', 'STARTED', 'STOPPING')");
             PreparedStatement steps = c.prepareStatement("update STEP_EXECUTION set BATCHSTATUS = 'FAILED', EXITSTATUS = 'CRASHED', "
                     + "ENDTIME = ? where JOBEXECUTIONID = ? and BATCHSTATUS in ('STARTING', 'STARTED', 'STOPPING')")) {
            job.setTimestamp(1, now);
            job.setTimestamp(2, now);
            job.setLong(3, orphan.executionId());
            steps.setTimestamp(1, now);
            steps.setLong(2, orphan.executionId());
            steps.executeUpdate();
            return job.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark execution " + orphan.executionId() + " failed", e);
        }
    }

    @Transactional
    public List<JobLease> all() {
        return em.createQuery("select l from JobLease l order by l.executionId", JobLease.class).getResultList();
    }
}
