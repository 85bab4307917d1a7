package com.aiaops.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Brings the database to the schema this build needs, before any other start-up work (the other start-up singletons
 * depend on this one): the pending migrations are applied, then Hibernate validates every entity against the
 * tables. On PostgreSQL Flyway holds an advisory lock while it migrates, so of several nodes starting together one
 * migrates and the others wait, then find nothing to do. A database made before migrations existed (by
 * {@code hbm2ddl=update}) has the baseline's tables but no history: it is recorded at the baseline version and
 * migrated from there.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN) // Flyway commits each migration on its own connection
public class SchemaMigrations {
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

    /** The version of {@code V1__baseline.sql}: the schema as the last release without migrations made it. */
    public static final String BASELINE = "1";
    /** A table every installation since the first release has: its presence without a history means "baseline". */
    private static final String BASELINE_MARKER_TABLE = "organization";

    @Resource(lookup = "java:jboss/datasources/AiaDS")
    DataSource dataSource;

    @PersistenceUnit(unitName = "aia")
    EntityManagerFactory entityManagerFactory;

    private volatile String version;

    @PostConstruct
    void migrate() {
        // The database also holds tables WildFly makes (batch job repository, EJB timers), so it is never "empty" to
        // Flyway: a database without our tables is baselined at 0 (V1 then makes them), one made by hbm2ddl at 1.
        Flyway flyway = configuration(dataSource, getClass().getClassLoader()).baselineOnMigrate(true)
                .baselineVersion(madeBeforeMigrations(dataSource) ? BASELINE : "0").load();
        MigrateResult result = flyway.migrate();
        version = currentVersion(flyway);
        if (result.migrationsExecuted > 0) {
            LOG.infof("Schema migrated from version %s to %s (%d migrations)", result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                    version, result.migrationsExecuted);
        } else {
            LOG.infof("Schema at version %s, nothing to migrate", version);
        }
        try {
            entityManagerFactory.unwrap(org.hibernate.SessionFactory.class).getSchemaManager().validateMappedObjects();
        } catch (org.hibernate.tool.schema.spi.SchemaManagementException e) {
            // The migrations and the entities disagree: starting would fail later, on some request, less clearly.
            throw new IllegalStateException("the schema at version " + version + " does not match the entities: " + e.getMessage(), e);
        }
    }

    /** The schema version this installation is at (the newest applied migration). */
    public String version() {
        return version;
    }

    /**
     * Builds the schema of the given version (null: this build's newest) in a scratch schema of the database, or
     * migrates the tables already there up to it: how a restore brings an older backup to today's schema.
     */
    public void migrateScratch(String scratchSchema, String targetVersion) {
        configuration(dataSource, getClass().getClassLoader()).schemas(scratchSchema).defaultSchema(scratchSchema).createSchemas(true)
                .target(targetVersion == null ? MigrationVersion.LATEST : MigrationVersion.fromVersion(targetVersion)).load().migrate();
    }

    /** The migrations of this build for the database behind the data source, in their own history table. */
    private FluentConfiguration configuration(DataSource dataSource, ClassLoader classLoader) {
        return Flyway.configure(classLoader).dataSource(dataSource).resourceProvider(new MigrationScripts(classLoader, database(dataSource)))
                .baselineDescription("schema made by hbm2ddl before migrations").validateMigrationNaming(true).cleanDisabled(true);
    }

    /** The directory of the database's migrations: h2 or postgresql. */
    private String database(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("no migrations for the database " + product + ": AIA Ops runs on H2 or PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database to migrate", e);
        }
    }

    private String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }

    /** True when the application's tables are there but Flyway's history is not: a database made by hbm2ddl. */
    private boolean madeBeforeMigrations(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return hasTable(c, BASELINE_MARKER_TABLE) && !hasTable(c, "flyway_schema_history");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's tables before migrating", e);
        }
    }

    private boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String candidate : new String[] {name, name.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, c.getSchema(), candidate, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
