package com.aiaops.backup;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Values as text that any of our databases reads back the same: instants as ISO-8601 UTC, binary as base64,
 * decimals plain, UUIDs in their canonical form, null as {@code \N} (an empty string stays an empty string).
 * This is what makes an H2 backup restorable into PostgreSQL.
 */
public final class RowCodec {
    public static final String NULL = "\\N";

    private RowCodec() {
    }

    public static String read(ResultSet rs, int index, int jdbcType) throws SQLException {
        Object value = switch (jdbcType) {
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> {
                OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                yield t == null ? null : t.toInstant().toString();
            }
            case Types.DATE -> {
                java.time.LocalDate d = rs.getObject(index, java.time.LocalDate.class);
                yield d == null ? null : d.toString();
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                // H2 reports its UUID columns as BINARY: they are written as UUIDs, as PostgreSQL's are.
                Object o = rs.getObject(index);
                yield o == null ? null : o instanceof UUID uuid ? uuid.toString() : Base64.getEncoder().encodeToString(rs.getBytes(index));
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(index);
                yield d == null ? null : d.toPlainString();
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean b = rs.getBoolean(index);
                yield rs.wasNull() ? null : Boolean.toString(b);
            }
            default -> {
                Object o = rs.getObject(index);
                yield o == null ? null : o.toString();
            }
        };
        return value == null ? NULL : (String) value;
    }

    public static void bind(PreparedStatement statement, int index, int jdbcType, String text) throws SQLException {
        if (NULL.equals(text)) {
            statement.setNull(index, jdbcType == Types.OTHER ? Types.OTHER : jdbcType);
            return;
        }
        switch (jdbcType) {
            case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP ->
                    statement.setObject(index, OffsetDateTime.ofInstant(java.time.Instant.parse(text), ZoneOffset.UTC));
            case Types.DATE -> statement.setObject(index, java.time.LocalDate.parse(text));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                if (looksLikeUuid(text)) { // base64 has no '-': this is a UUID
                    statement.setObject(index, UUID.fromString(text));
                } else {
                    statement.setBytes(index, Base64.getDecoder().decode(text));
                }
            }
            case Types.NUMERIC, Types.DECIMAL -> statement.setBigDecimal(index, new BigDecimal(text));
            case Types.BOOLEAN, Types.BIT -> statement.setBoolean(index, Boolean.parseBoolean(text));
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> statement.setInt(index, Integer.parseInt(text));
            case Types.BIGINT -> statement.setLong(index, Long.parseLong(text));
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> statement.setDouble(index, Double.parseDouble(text));
            case Types.OTHER, Types.JAVA_OBJECT -> statement.setObject(index, looksLikeUuid(text) ? UUID.fromString(text) : text);
            default -> statement.setString(index, text);
        }
    }

    private static boolean looksLikeUuid(String text) {
        return text.length() == 36 && text.charAt(8) == '-' && text.charAt(13) == '-';
    }
}
