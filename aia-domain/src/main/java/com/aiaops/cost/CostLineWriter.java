package com.aiaops.cost;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes cost rows in bulk on the caller's (transaction's) connection: on PostgreSQL through COPY, streamed as CSV,
 * elsewhere as JDBC batches of 1,000. Close it to flush; {@link #abort()} drops a COPY under way.
 */
abstract class CostLineWriter implements AutoCloseable {
    static final String COLUMN_LIST = String.join(", ", CostLine.COLUMNS);

    static CostLineWriter on(Connection connection) throws SQLException {
        if (isPostgreSql(connection)) {
            return new Copy(connection.unwrap(PGConnection.class));
        }
        return new Batch(connection);
    }

    private static boolean isPostgreSql(Connection connection) throws SQLException {
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (NoClassDefFoundError e) {
            return false; // no PostgreSQL driver module on this server
        }
    }

    abstract void write(UUID id, UUID organizationId, UUID importId, FocusRow row) throws SQLException;

    void abort() {
    }

    @Override
    public abstract void close() throws SQLException;

    static Object[] values(UUID id, UUID organizationId, UUID importId, FocusRow r) {
        return new Object[] {id, organizationId, importId, r.mappedServiceId(), r.customer(), r.billedCost(), r.effectiveCost(),
                r.listCost(), r.contractedCost(), r.pricingQuantity(), r.pricingUnit(), r.billingAccountId(), r.billingAccountName(),
                r.billingCurrency(), r.billingPeriodStart(), r.billingPeriodEnd(), r.chargeCategory(), r.chargeClass(),
                r.chargeDescription(), r.chargePeriodStart(), r.chargePeriodEnd(), r.invoiceIssuerName(), r.providerName(),
                r.publisherName(), r.serviceCategory(), r.serviceName(), r.resourceId(), r.resourceName(), r.regionId(),
                r.subAccountId(), r.tags()};
    }

    /** PostgreSQL: one COPY ... FROM STDIN (FORMAT csv) for the whole file, fed as rows arrive. */
    private static final class Copy extends CostLineWriter {
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(1 << 20);
        /** Rows repeat the same period boundaries: each is formatted once. */
        private final java.util.Map<Instant, String> instants = new java.util.HashMap<>();

        Copy(PGConnection connection) throws SQLException {
            copy = connection.getCopyAPI().copyIn("COPY cost_line (" + COLUMN_LIST + ") FROM STDIN WITH (FORMAT csv)");
        }

        @Override
        void write(UUID id, UUID organizationId, UUID importId, FocusRow row) throws SQLException {
            Object[] values = values(id, organizationId, importId, row);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append(',');
                }
                appendCsv(values[i]);
            }
            buffer.append('\n');
            if (buffer.length() > (1 << 20) - 8192) {
                flush();
            }
        }

        private void appendCsv(Object value) {
            if (value == null) {
                return; // an unquoted empty field is NULL in COPY's csv format
            }
            String text = value instanceof Instant instant ? format(instant) : value instanceof BigDecimal d ? d.toPlainString()
                    : value.toString();
            if (text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                buffer.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                buffer.append(text);
            }
        }

        private String format(Instant instant) {
            String text = instants.get(instant);
            if (text == null) {
                text = instant.toString();
                if (instants.size() < 100_000) {
                    instants.put(instant, text);
                }
            }
            return text;
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        void abort() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not cancel the COPY of a refused import", e);
            }
        }

        @Override
        public void close() throws SQLException {
            if (copy.isActive()) {
                flush();
                copy.endCopy();
            }
        }
    }

    /** Any other database: INSERTs sent 1,000 at a time. */
    private static final class Batch extends CostLineWriter {
        private final PreparedStatement insert;
        private int pending;

        Batch(Connection connection) throws SQLException {
            String marks = String.join(", ", java.util.Collections.nCopies(CostLine.COLUMNS.length, "?"));
            insert = connection.prepareStatement("INSERT INTO cost_line (" + COLUMN_LIST + ") VALUES (" + marks + ")");
        }

        @Override
        void write(UUID id, UUID organizationId, UUID importId, FocusRow row) throws SQLException {
            Object[] values = values(id, organizationId, importId, row);
            for (int i = 0; i < values.length; i++) {
                Object value = values[i] instanceof Instant instant ? java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC) : values[i];
                insert.setObject(i + 1, value);
            }
            insert.addBatch();
            if (++pending == 1000) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    insert.executeBatch();
                }
            } finally {
                insert.close();
            }
        }
    }

}
