package com.aiaops.crash;

import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static com.aiaops.crash.OwnServer.as;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrades. A database written by the last release made without migrations (c27587c: its schema made by
 * hbm2ddl, an object of every kind in it, on H2 and on PostgreSQL — test resources made by
 * {@code src/test/upgrade/make-fixture.py}, which also recorded what that release's API answered) is opened by this
 * build: it is recorded at the baseline version, migrated, and every read answers what the release answered. A
 * backup that release wrote is restored into an empty installation of this build through the migrations; a backup
 * that claims a newer schema is refused.
 */
class UpgradeIT {
    private static final OwnServer H2 = new OwnServer("upgrade-h2", 900);
    private static final OwnServer POSTGRES = new OwnServer("upgrade-postgresql", 1000, OwnServer.onPostgres("aia_upgrade"));
    private static final OwnServer RESTORED = new OwnServer("upgrade-restore", 1100, OwnServer.onPostgres("aia_upgrade_restore"));

    /**
     * What is derived from the clock or from use rather than stored (a finding becomes overdue as days pass, a key
     * records its last use, a rule its next evaluation): left out of the comparison.
     */
    private static final Set<String> DERIVED = Set.of("lastUsedAt", "overdue", "dueInDays", "nextEvaluationAt", "lastEvaluatedAt", "onCallNow",
            "currentOnCall", "generatedAt", "active");

    @AfterAll
    static void stop() throws IOException {
        H2.kill();
        POSTGRES.kill();
        RESTORED.kill();
    }

    @Test
    void an_h2_database_written_by_the_last_release_is_migrated_and_reads_the_same() throws Exception {
        H2.fresh();
        Files.createDirectories(H2.base.resolve("data"));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + H2.base.resolve("data/aia"), "sa", "sa");
             Reader script = fixture("h2")) {
            org.h2.tools.RunScript.execute(c, script);
            emulateRuleMadeBeforeAutoResolution(c);
        }
        H2.start();
        assertReadsAsTheReleaseDid(H2, "h2");
        H2.kill(); // an embedded H2 file has one user at a time
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + H2.base.resolve("data/aia"), "sa", "sa")) {
            assertMigratedFromTheBaseline(c);
        }
    }

    @Test
    void a_postgresql_database_written_by_the_last_release_is_migrated_and_reads_the_same() throws Exception {
        OwnServer.recreateDatabase("aia_upgrade");
        try (Connection c = OwnPostgres.connect("aia_upgrade");
             Statement s = c.createStatement(); Reader script = fixture("postgresql")) {
            // pg_dump's output is for psql: its meta-commands (\restrict …) are psql's, not SQL.
            s.execute(new BufferedReader(script).lines().filter(line -> !line.startsWith("\\"))
                    .reduce(new StringBuilder(), (b, line) -> b.append(line).append('\n'), StringBuilder::append).toString());
            s.execute("select pg_catalog.set_config('search_path', 'public', false)");
            emulateRuleMadeBeforeAutoResolution(c);
        }
        POSTGRES.fresh().start();
        assertReadsAsTheReleaseDid(POSTGRES, "postgresql");
        try (Connection c = OwnPostgres.connect("aia_upgrade")) {
            assertMigratedFromTheBaseline(c);
        }
    }

    @Test
    void a_backup_written_by_the_last_release_restores_through_the_migrations_and_a_newer_one_is_refused() throws Exception {
        OwnServer.recreateDatabase("aia_upgrade_restore");
        RESTORED.fresh();
        Path source = resource("upgrade/h2/backup");
        String backup;
        try (Stream<Path> names = Files.list(source)) {
            backup = names.findFirst().orElseThrow().getFileName().toString();
        }
        OwnServer.copyDirectory(source.resolve(backup), RESTORED.backups().resolve(backup));
        // The same backup claiming a schema version from the future.
        Path newer = RESTORED.backups().resolve(backup + "-newer");
        OwnServer.copyDirectory(source.resolve(backup), newer);
        Path manifest = newer.resolve("manifest.json");
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replaceFirst("\\{", "{\"schemaMigration\": \"99\","));
        RESTORED.start();

        assertEquals(List.of("FAILED", "SCHEMA_NEWER"), RESTORED.runRestore(backup + "-newer"));
        assertEquals(List.of("COMPLETED", "RESTORED"), RESTORED.runRestore(backup));
        assertReadsAsTheReleaseDid(RESTORED, "h2");
        try (Connection c = OwnPostgres.connect("aia_upgrade_restore");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from information_schema.schemata where schema_name = 'restore_stage'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the scratch schema of the restore is dropped");
            }
        }
        String key = expected("h2").getString("apiKey");
        assertTrue((Boolean) as(key).get(RESTORED.api() + "/audit-events/verification").then().statusCode(200).extract().path("intact"));
    }

    /** Rules made before auto-resolution existed hold NULL there in installations that hbm2ddl upgraded; V2 makes it false. */
    private static void emulateRuleMadeBeforeAutoResolution(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("update alert_rule set auto_resolve_incident = null where name = 'checkout-burn'"));
        }
    }

    private static void assertMigratedFromTheBaseline(Connection c) throws Exception {
        List<String> history = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select \"version\", \"type\" from \"flyway_schema_history\" where \"version\" is not null "
                     + "order by \"installed_rank\"")) {
            while (rs.next()) {
                history.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        // The baseline, then every later migration of the build once, in order (both databases have the same versions).
        List<String> expected = new ArrayList<>(List.of("1 BASELINE"));
        long scripts = java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "aia-domain", "src", "main", "resources", "db",
                "migration", "postgresql", "migrations.list")).stream().filter(l -> l.startsWith("V")).count();
        for (int version = 2; version <= scripts; version++) {
            expected.add(version + " SQL");
        }
        assertEquals(expected, history);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from alert_rule where auto_resolve_incident is null")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    /** Every read the fixture recorded answers the same on the server, but for what the clock or use derives. */
    private static void assertReadsAsTheReleaseDid(OwnServer server, String database) throws Exception {
        JsonPath expected = expected(database);
        String key = expected.getString("apiKey");
        Map<String, Object> reads = expected.getMap("reads");
        assertTrue(reads.size() >= 20, "the fixture records the reads");
        for (Map.Entry<String, Object> read : new TreeMap<>(reads).entrySet()) {
            var answer = as(key).get(server.api() + read.getKey()).then().statusCode(200).extract();
            if (read.getValue() instanceof String yaml) {
                // OpenSLO YAML: the same documents, whatever the order of keys (the release wrote them in a random order).
                assertEquals(withoutDerived(documents(yaml)), withoutDerived(documents(answer.asString())), read.getKey());
            } else {
                Object released = withoutDerived(read.getValue());
                assertEquals(released, fieldsOf(released, withoutDerived(answer.jsonPath().get("$"))), read.getKey());
            }
        }
    }

    /**
     * The answer reduced to the fields the release answered with: fields added since are additions a client of the
     * release does not read; a field removed or changed still fails.
     */
    @SuppressWarnings("unchecked")
    private static Object fieldsOf(Object released, Object now) {
        if (released instanceof Map<?, ?> before && now instanceof Map<?, ?> after) {
            Map<String, Object> kept = new TreeMap<>();
            ((Map<String, Object>) after).forEach((k, v) -> {
                if (before.containsKey(k)) {
                    kept.put(k, fieldsOf(before.get(k), v));
                }
            });
            return kept;
        }
        if (released instanceof List<?> before && now instanceof List<?> after && before.size() == after.size()) {
            List<Object> kept = new ArrayList<>();
            for (int i = 0; i < after.size(); i++) {
                kept.add(fieldsOf(before.get(i), after.get(i)));
            }
            return kept;
        }
        return now;
    }

    private static List<Object> documents(String yaml) {
        List<Object> documents = new ArrayList<>();
        new org.yaml.snakeyaml.Yaml().loadAll(yaml).forEach(documents::add);
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Object withoutDerived(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new TreeMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (!DERIVED.contains(k)) {
                    kept.put(k, withoutDerived(v));
                }
            });
            return kept;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(UpgradeIT::withoutDerived).toList();
        }
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
        }
        return value;
    }

    private static JsonPath expected(String database) throws IOException {
        try (InputStream in = Files.newInputStream(resource("upgrade/" + database + "/expected.json"))) {
            return JsonPath.from(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Reader fixture(String database) throws IOException {
        return new InputStreamReader(new GZIPInputStream(Files.newInputStream(resource("upgrade/" + database + "/fixture.sql.gz"))),
                StandardCharsets.UTF_8);
    }

    private static Path resource(String name) {
        try {
            return Path.of(UpgradeIT.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
