package com.aiaops.backup;

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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Restoring one table's file and proving the copy, shared by the restore drill (into a scratch schema) and the
 * restore (into the platform's own empty database): insert in JDBC batches, count, and the SHA-256 of the content
 * read back in key order exactly as a backup writes it.
 */
final class TableRestore {
    static final int BATCH = 1000;

    private TableRestore() {
    }

    /** The table as the manifest names its columns, with the JDBC types the target schema gives them. */
    static BackupTables.Table describe(Connection c, String schema, Manifest.TableEntry entry) throws SQLException {
        Map<String, Integer> types = new HashMap<>();
        java.sql.DatabaseMetaData meta = c.getMetaData();
        try (var rs = meta.getColumns(null, stored(meta, schema), stored(meta, entry.table()), "%")) {
            while (rs.next()) {
                // The table name is a LIKE pattern ("_" matches any character): keep only the table itself.
                if (entry.table().equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    types.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
                }
            }
        }
        List<String> missing = entry.columns().stream().filter(n -> !types.containsKey(n)).toList();
        if (!types.isEmpty() && !missing.isEmpty()) {
            throw new SQLException(entry.table() + ": the database has no column " + String.join(", ", missing));
        }
        List<BackupTables.Column> columns = entry.columns().stream()
                .map(n -> new BackupTables.Column(n, types.getOrDefault(n, java.sql.Types.VARCHAR))).toList();
        return new BackupTables.Table(entry.table(), columns, entry.key());
    }

    /** An unquoted identifier as the database stores it (H2 in upper case, PostgreSQL in lower case), for metadata lookups. */
    static String stored(java.sql.DatabaseMetaData meta, String identifier) throws SQLException {
        if (meta.storesUpperCaseIdentifiers()) {
            return identifier.toUpperCase(Locale.ROOT);
        }
        return meta.storesLowerCaseIdentifiers() ? identifier.toLowerCase(Locale.ROOT) : identifier;
    }

    /** Inserts the file's rows in the connection's current transaction; the caller commits or rolls back. */
    static long insertRows(Connection c, String schema, BackupTables.Table table, Path file) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?"));
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
            return rows;
        } catch (IllegalStateException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
    }

    static long count(Connection c, String table) throws SQLException {
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
