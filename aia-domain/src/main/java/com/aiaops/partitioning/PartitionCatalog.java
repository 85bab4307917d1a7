package com.aiaops.partitioning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** What the database's catalogue says about partitions, for code that lists tables (backup, restore). */
public final class PartitionCatalog {
    private PartitionCatalog() {
    }

    /**
     * The names of the partitions in a schema, which are not tables of their own to a backup or a restore (their
     * partitioned table is); empty on a database without partitions.
     */
    public static Set<String> partitionsIn(Connection c, String schema) throws SQLException {
        Set<String> names = new HashSet<>();
        if (!isPostgreSql(c)) {
            return names;
        }
        try (PreparedStatement query = c.prepareStatement("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where c.relispartition and n.nspname = ?")) {
            query.setString(1, schema);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** Whether the connection is to PostgreSQL (else H2, the other database the platform runs on). */
    public static boolean isPostgreSql(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }
}
