package com.aiaops.backup;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
    static final int BATCH = 1000;

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
                BackupTables.Table scratch = describe(c, scratchSchema, entry);
                long restored = restoreTable(c, scratchSchema, scratch, file);
                rows += restored;
                long counted = count(c, scratchSchema + "." + entry.table());
                try (Statement s = c.createStatement()) {
                    // The key's index, so that reading the copy back in key order is page by page, not a sort per page.
                    s.execute("create index " + entry.table() + "_drill_key on " + scratchSchema + "." + entry.table()
                            + " (" + String.join(", ", entry.key()) + ")");
                }
                if (restored != entry.rows() || counted != entry.rows()) {
                    problems.add(entry.table() + ": " + entry.rows() + " rows in the manifest, " + restored + " in the file, " + counted + " restored");
                } else if (!entry.contentSha256().equals(contentDigest(c, scratchSchema, scratch))) {
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
        RestoreDrill drill = new RestoreDrill(backupName, started, finished, problems.isEmpty(), manifest.tables().size(), rows,
                Duration.between(backup.startedAt(), started).toSeconds(), Duration.between(started, finished).toMillis() / 1000.0,
                problems.isEmpty() ? null : String.join("; ", problems));
        store.record(drill);
        return drill;
    }

    @Transactional
    public List<RestoreDrill> list() {
        return em.createQuery("select d from RestoreDrill d order by d.startedAt desc", RestoreDrill.class).setMaxResults(200).getResultList();
    }

    private static BackupTables.Table describe(Connection c, String schema, Manifest.TableEntry entry) throws SQLException {
        Map<String, Integer> types = new java.util.HashMap<>();
        try (var rs = c.getMetaData().getColumns(null, null, "%", "%")) {
            // Schema and table names are folded differently by H2 (upper) and PostgreSQL (lower): match ignoring case.
            while (rs.next()) {
                if (schema.equalsIgnoreCase(rs.getString("TABLE_SCHEM")) && entry.table().equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    types.put(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT), rs.getInt("DATA_TYPE"));
                }
            }
        }
        List<BackupTables.Column> columns = entry.columns().stream().map(n -> new BackupTables.Column(n, types.getOrDefault(n, java.sql.Types.VARCHAR)))
                .collect(Collectors.toList());
        return new BackupTables.Table(entry.table(), columns, entry.key());
    }

    private static long restoreTable(Connection c, String schema, BackupTables.Table table, Path file) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?"));
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("insert into " + schema + "." + table.name() + " (" + table.columnList()
                + ") values (" + marks + ")")) {
            long[] pending = {0};
            long rows = TableFiles.read(file, header -> {
                if (!header.equals(table.columns().stream().map(BackupTables.Column::name).toList())) {
                    throw new IllegalStateException(table.name() + ": the file's columns differ from the manifest's");
                }
            }, values -> {
                try {
                    for (int i = 0; i < values.size(); i++) {
                        RowCodec.bind(insert, i + 1, table.columns().get(i).jdbcType(), values.get(i));
                    }
                    insert.addBatch();
                    if (++pending[0] % BATCH == 0) {
                        insert.executeBatch();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            insert.executeBatch();
            c.commit();
            return rows;
        } catch (IllegalStateException e) {
            c.rollback();
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The SHA-256 of the table's content written exactly as a backup writes it (header, then rows in key order). */
    static String contentDigest(Connection c, String schema, BackupTables.Table table) throws SQLException {
        MessageDigest md = TableFiles.digest();
        try {
            StringWriter header = new StringWriter();
            TableFiles.writeRecords(header, List.of(table.columns().stream().map(BackupTables.Column::name).toList()));
            md.update(header.toString().getBytes(StandardCharsets.UTF_8));
            List<String> after = null;
            while (true) {
                List<TableExport.Row> page = TableExport.page(c, schema, table, after, 10_000);
                if (page.isEmpty()) {
                    break;
                }
                StringWriter text = new StringWriter();
                TableFiles.writeRecords(text, page.stream().map(TableExport.Row::values).toList());
                md.update(text.toString().getBytes(StandardCharsets.UTF_8));
                after = page.get(page.size() - 1).key();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
