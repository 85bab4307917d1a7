package com.aiaops.backup;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Restores a backup into a scratch schema of the platform's database and proves it: every file's SHA-256 before
 * reading it, then every table's row count and a SHA-256 of its content read back in key order, which must equal
 * the manifest's. The scratch schema is dropped afterwards; the drill's result is kept.
 */
@ApplicationScoped
public class RestoreDrills {
    private static final Logger LOG = Logger.getLogger(RestoreDrills.class);

    @PersistenceContext(unitName = "aia")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    @Inject
    BackupStore store;

    /** Runs outside any transaction: the scratch schema's work commits table by table on its own connection. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public RestoreDrill drill(String backupName, String scratchSchema) {
        Instant started = store.now();
        Backup backup = store.find(backupName).orElseThrow(() -> new IllegalArgumentException("no backup " + backupName));
        if (backup.status() != Backup.Status.COMPLETED) {
            throw new IllegalArgumentException("backup " + backupName + " is " + backup.status() + ", not COMPLETED");
        }
        Manifest manifest = store.manifest(backupName);
        List<String> problems = new ArrayList<>();
        long rows = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + scratchSchema + " cascade");
                s.execute("create schema " + scratchSchema);
            }
            for (Manifest.TableEntry entry : manifest.tables()) {
                Path file = TableFiles.file(store.directory(entry.storedIn() == null ? backupName : entry.storedIn()), entry.table());
                if (!entry.sha256().equals(TableFiles.sha256(file))) {
                    problems.add(entry.table() + ": file checksum differs from the manifest");
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("create table " + scratchSchema + "." + entry.table() + " as select " + String.join(", ", entry.columns())
                            + " from " + entry.table() + " where 1 = 0");
                }
                BackupTables.Table scratch = TableRestore.describe(c, scratchSchema, entry);
                long restored = restoreTable(c, scratchSchema, scratch, file);
                rows += restored;
                long counted = TableRestore.count(c, scratchSchema + "." + entry.table());
                try (Statement s = c.createStatement()) {
                    // The key's index, so that reading the copy back in key order is page by page, not a sort per page.
                    s.execute("create index " + entry.table() + "_drill_key on " + scratchSchema + "." + entry.table()
                            + " (" + String.join(", ", entry.key()) + ")");
                }
                if (restored != entry.rows() || counted != entry.rows()) {
                    problems.add(entry.table() + ": " + entry.rows() + " rows in the manifest, " + restored + " in the file, " + counted + " restored");
                } else if (!entry.contentSha256().equals(TableRestore.contentDigest(c, scratchSchema, scratch))) {
                    problems.add(entry.table() + ": the restored rows differ from the backup's");
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop schema " + scratchSchema + " cascade");
            }
        } catch (SQLException e) {
            problems.add("database: " + e.getMessage());
            LOG.warnf(e, "Restore drill of %s failed", backupName);
        }
        Instant finished = store.now();
        RestoreDrill drill = new RestoreDrill(RestoreDrill.Kind.DRILL, backupName, started, finished, problems.isEmpty(), manifest.tables().size(), rows,
                Duration.between(backup.startedAt(), started).toSeconds(), Duration.between(started, finished).toMillis() / 1000.0,
                problems.isEmpty() ? null : String.join("; ", problems));
        store.record(drill);
        return drill;
    }

    @Transactional
    public List<RestoreDrill> list() {
        return em.createQuery("select d from RestoreDrill d order by d.startedAt desc", RestoreDrill.class).setMaxResults(200).getResultList();
    }

    private static long restoreTable(Connection c, String schema, BackupTables.Table table, Path file) throws SQLException {
        c.setAutoCommit(false);
        try {
            long rows = TableRestore.insertRows(c, schema, table, file);
            c.commit();
            return rows;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
