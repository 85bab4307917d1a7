package com.aiaops.backup;

import com.aiaops.partitioning.PartitionCatalog;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The application's tables as the database describes them: name, columns in order with their JDBC types, and the
 * primary key (rows are read in its order, so a backup is the same file every time the data is the same).
 * Infrastructure tables (the batch job repository, EJB timers, the migration history) are not the application's data and are left out.
 */
public final class BackupTables {
    private static final Set<String> LEFT_OUT_PREFIXES = Set.of("job_", "step_", "partition_", "jboss_ejb_timer", "backup_run", "flyway_");

    /**
     * Plain and partitioned tables (PostgreSQL names them apart); a partition is read and written through its
     * partitioned table, so the partitions themselves are left out.
     */
    static final String[] TABLE_TYPES = {"TABLE", "PARTITIONED TABLE"};

    private BackupTables() {
    }

    public record Column(String name, int jdbcType) {
    }

    public record Table(String name, List<Column> columns, List<String> primaryKey) {
        public String columnList() {
            return String.join(", ", columns.stream().map(Column::name).toList());
        }
    }

    /** The tables of the connection's current schema, by name. */
    public static List<Table> list(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        List<String> names = new ArrayList<>();
        Set<String> partitions = PartitionCatalog.partitionsIn(connection, schema);
        try (ResultSet tables = meta.getTables(null, schema, "%", TABLE_TYPES)) {
            while (tables.next()) {
                String name = tables.getString("TABLE_NAME");
                String lower = name.toLowerCase(Locale.ROOT);
                if (LEFT_OUT_PREFIXES.stream().noneMatch(lower::startsWith) && !lower.endsWith("_seq") && !partitions.contains(lower)) {
                    names.add(name);
                }
            }
        }
        List<Table> result = new ArrayList<>();
        for (String name : names) {
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schema, name, "%")) {
                List<Object[]> ordered = new ArrayList<>();
                while (rs.next()) {
                    ordered.add(new Object[] {rs.getInt("ORDINAL_POSITION"), rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE")});
                }
                ordered.sort(Comparator.comparingInt(o -> (Integer) o[0]));
                ordered.forEach(o -> columns.add(new Column(((String) o[1]).toLowerCase(Locale.ROOT), (Integer) o[2])));
            }
            List<Object[]> keyParts = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, schema, name)) {
                while (rs.next()) {
                    keyParts.add(new Object[] {rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)});
                }
            }
            keyParts.sort(Comparator.comparingInt(o -> (Short) o[0]));
            List<String> key = keyParts.stream().map(o -> (String) o[1]).toList();
            result.add(new Table(name.toLowerCase(Locale.ROOT), columns, key.isEmpty() ? columns.stream().map(Column::name).toList() : key));
        }
        result.sort(Comparator.comparing(Table::name));
        return result;
    }
}
