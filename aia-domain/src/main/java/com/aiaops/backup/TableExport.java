package com.aiaops.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a table in key order a page at a time (keyset pagination: each page starts after the last key seen, so
 * a restarted backup goes on from its checkpoint, and a page costs the same at row 10 million as at row 1).
 */
public final class TableExport {
    private TableExport() {
    }

    /** A row as text: its values in column order (escaped for the file) and its key values (raw, for the next page). */
    public record Row(List<String> values, List<String> key) {
    }

    public static List<Row> page(Connection connection, String schema, BackupTables.Table table, List<String> after, int size) throws SQLException {
        Map<String, Integer> types = table.columns().stream().collect(Collectors.toMap(BackupTables.Column::name, BackupTables.Column::jdbcType));
        String key = String.join(", ", table.primaryKey());
        String where = "";
        if (after != null) {
            where = table.primaryKey().size() == 1 ? " where " + key + " > ?"
                    : " where (" + key + ") > (" + String.join(", ", java.util.Collections.nCopies(table.primaryKey().size(), "?")) + ")";
        }
        String sql = "select " + table.columnList() + " from " + (schema == null ? "" : schema + ".") + table.name() + where
                + " order by " + key + " fetch first " + size + " rows only";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (after != null) {
                for (int i = 0; i < after.size(); i++) {
                    RowCodec.bind(statement, i + 1, types.get(table.primaryKey().get(i)), after.get(i));
                }
            }
            List<String> names = table.columns().stream().map(BackupTables.Column::name).toList();
            int[] keyIndexes = table.primaryKey().stream().mapToInt(names::indexOf).toArray();
            List<Row> rows = new ArrayList<>(size);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>(table.columns().size());
                    for (int c = 0; c < table.columns().size(); c++) {
                        values.add(RowCodec.read(rs, c + 1, table.columns().get(c).jdbcType()));
                    }
                    List<String> keyValues = new ArrayList<>(keyIndexes.length);
                    for (int index : keyIndexes) {
                        keyValues.add(values.get(index));
                    }
                    rows.add(new Row(values.stream().map(TableFiles::escape).toList(), keyValues));
                }
            }
            return rows;
        }
    }
}
