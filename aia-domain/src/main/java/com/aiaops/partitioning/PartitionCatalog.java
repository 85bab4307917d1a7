package com.aiaops.partitioning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** The partitions of a partitioned table (its default one too), by name; none for a table that is not partitioned. */
    public static List<String> partitionsOf(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement children = c.prepareStatement("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "where i.inhparent = to_regclass(?) order by c.relname")) {
            children.setString(1, table);
            try (ResultSet rs = children.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
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
