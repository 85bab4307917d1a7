package com.aiaops.it;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static com.aiaops.it.Telemetry.batch;
import static com.aiaops.it.Telemetry.spread;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time partitions of roll-ups and cost lines on PostgreSQL: made ahead, rows that waited in a default partition moved
 * into theirs, and minutes expired by dropping a whole day's partition. H2 keeps plain tables and says so.
 */
class PartitionIT extends ApiIT {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

    private static boolean onPostgreSql() {
        return String.valueOf(System.getProperty("aia.it.db.url")).startsWith("jdbc:postgresql:");
    }

    private static List<String> partitionsOf(String table) {
        return as(operatorKey()).get("/partitions").then().statusCode(200).extract().jsonPath()
                .getList("tables.find { it.table == '" + table + "' }.partitions.name");
    }

    private static List<Integer> requestsPerMinute(String key, String serviceId, Instant from, Instant to) {
        return as(key).queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("step", "1m")
                .get("/services/" + serviceId + "/telemetry/series").then().statusCode(200).extract().path("points.requests");
    }

    @Test
    void only_the_platform_operators_see_or_run_the_partitions() {
        Tenant tenant = newTenant();
        as(tenant.adminKey()).get("/partitions").then().statusCode(404);
        as(tenant.adminKey()).post("/partitions/maintenance").then().statusCode(404);
        as(operatorKey()).get("/partitions").then().statusCode(200).body("partitioned", equalTo(onPostgreSql()));
    }

    @Test
    void the_current_and_coming_periods_have_their_partitions_from_the_start() {
        JsonPath layout = as(operatorKey()).get("/partitions").then().statusCode(200).extract().jsonPath();
        if (!onPostgreSql()) {
            assertEquals(List.of(), layout.getList("tables"));
            return;
        }
        Instant now = serverNow();
        // The run at start is asynchronous; a maintenance run now makes whatever it had not made yet.
        as(operatorKey()).post("/partitions/maintenance").then().statusCode(200).body("partitioned", equalTo(true));
        List<String> minutes = partitionsOf("telemetry_rollup_minute");
        for (int day = 0; day <= 7; day++) {
            assertTrue(minutes.contains("telemetry_rollup_minute_p" + DAY.format(now.plus(Duration.ofDays(day)))), day + " days ahead: " + minutes);
        }
        assertTrue(minutes.contains("telemetry_rollup_minute_default"), minutes.toString());
        for (String table : List.of("telemetry_rollup_hour", "telemetry_rollup_day", "cost_line")) {
            List<String> partitions = partitionsOf(table);
            Instant month = now.atOffset(ZoneOffset.UTC).withDayOfMonth(1).toInstant();
            for (int ahead = 0; ahead <= 2; ahead++) {
                String name = table + "_p" + MONTH.format(month.atOffset(ZoneOffset.UTC).plusMonths(ahead));
                assertTrue(partitions.contains(name), name + " in " + partitions);
            }
        }
        // A period's bounds are in the listing, the default partition has none.
        as(operatorKey()).get("/partitions").then()
                .body("tables.find { it.table == 'telemetry_rollup_minute' }.partitions.find { it.name == 'telemetry_rollup_minute_p"
                        + DAY.format(now) + "' }.from", equalTo(now.truncatedTo(ChronoUnit.DAYS).toString()))
                .body("tables.find { it.table == 'cost_line' }.partitions.find { it.name == 'cost_line_default' }.from", equalTo(null));
    }

    @Test
    void partitions_since_a_past_instant_are_made_ahead_of_a_backfill_but_not_beyond_the_look_back() {
        as(operatorKey()).queryParam("since", "yesterday").post("/partitions/maintenance").then().statusCode(400)
                .contentType("application/problem+json");
        Instant now = serverNow();
        var maintained = as(operatorKey()).queryParam("since", "1970-01-01T00:00:00Z").post("/partitions/maintenance").then().statusCode(200)
                .extract().jsonPath();
        if (!onPostgreSql()) {
            assertEquals(List.of(), maintained.getList("made"));
            return;
        }
        List<String> minutes = partitionsOf("telemetry_rollup_minute");
        for (int daysAgo = 1; daysAgo <= 60; daysAgo++) {
            String name = "telemetry_rollup_minute_p" + DAY.format(now.minus(Duration.ofDays(daysAgo)));
            assertTrue(minutes.contains(name), name + " in " + minutes);
        }
        // minutes are kept 35 days: partitions for them stop at the look-back of 62 days, far from 1970
        assertFalse(minutes.contains("telemetry_rollup_minute_p" + DAY.format(now.minus(Duration.ofDays(64)))), minutes.toString());
        assertFalse(minutes.contains("telemetry_rollup_minute_p19700101"), minutes.toString());
        List<String> costs = partitionsOf("cost_line");
        assertTrue(costs.contains("cost_line_p" + MONTH.format(now.atOffset(ZoneOffset.UTC).minusMonths(35))), costs.toString());
        assertFalse(costs.contains("cost_line_p197001"), costs.toString());
    }

    @Test
    void minutes_written_before_their_partition_existed_move_into_it_and_later_leave_with_it_whole() {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "partitioned");
        String ingest = issueKey(tenant, "INGEST");
        try {
            // Twenty days on, no minute partition exists yet (they are made a week ahead): the minutes wait in the default one.
            clockAhead(Duration.ofDays(20));
            Instant noon = serverNow().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(12));
            as(ingest).body(batch(spread("partitioned", noon, 5, 100, 4, 20))).post("/telemetry/observations").then().statusCode(200);
            List<Integer> perMinute = requestsPerMinute(tenant.adminKey(), serviceId, noon, noon.plus(Duration.ofMinutes(5)));
            assertEquals(List.of(20, 20, 20, 20, 20), perMinute);

            var maintained = as(operatorKey()).post("/partitions/maintenance").then().statusCode(200).extract().jsonPath();
            if (!onPostgreSql()) {
                assertFalse(maintained.getBoolean("partitioned"));
                assertEquals(List.of(), maintained.getList("made"));
                return;
            }
            String partition = "telemetry_rollup_minute_p" + DAY.format(noon);
            Map<String, Object> made = maintained.getMap("made.find { it.partition == '" + partition + "' }");
            assertTrue(made != null, partition + " made: " + maintained.getList("made.partition"));
            assertEquals(noon.truncatedTo(ChronoUnit.DAYS).toString(), made.get("from"));
            assertEquals(noon.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).toString(), made.get("to"));
            assertTrue(((Number) made.get("rowsMoved")).longValue() >= 5, "at least this service's five minutes: " + made);
            assertTrue(partitionsOf("telemetry_rollup_minute").contains(partition));
            // Moved, not copied: the minutes read the same, and a second run has nothing of that day left to move.
            assertEquals(perMinute, requestsPerMinute(tenant.adminKey(), serviceId, noon, noon.plus(Duration.ofMinutes(5))));
            as(operatorKey()).post("/partitions/maintenance").then().statusCode(200).body("made.partition", not(hasItem(partition)));

            // Retention, 36 days after those minutes: their day's partition is dropped whole; hours and days keep the counts.
            clockAhead(Duration.ofDays(20 + 36));
            var purged = anonymous().post("/test-retention/minutes").then().statusCode(200).extract().jsonPath();
            assertTrue(purged.getList("droppedPartitions").contains(partition), purged.prettify());
            assertTrue(purged.getLong("minuteRollups") >= 5, purged.prettify());
            assertFalse(partitionsOf("telemetry_rollup_minute").contains(partition));
            assertEquals(List.of(0, 0, 0, 0, 0), requestsPerMinute(tenant.adminKey(), serviceId, noon, noon.plus(Duration.ofMinutes(5))));
            Instant hour = noon.truncatedTo(ChronoUnit.HOURS);
            as(tenant.adminKey()).queryParam("from", hour.toString()).queryParam("to", hour.plus(Duration.ofHours(1)).toString())
                    .get("/services/" + serviceId + "/telemetry").then().statusCode(200).body("requests", equalTo(100));
        } finally {
            clockAhead(Duration.ZERO);
        }
    }

    /**
     * Tomorrow's noon (UTC) on the server's clock: a running day far from either midnight, its partition made (another test
     * may have moved the clock on and expired every partition there was).
     */
    private static Instant tomorrowNoon() {
        Instant noon = serverNow().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(36));
        clockAhead(Duration.between(Instant.now(), noon));
        as(operatorKey()).post("/partitions/maintenance").then().statusCode(200);
        return noon;
    }

    @Test
    void reads_of_the_running_day_name_its_partition_and_not_the_partitioned_table() throws Exception {
        if (!onPostgreSql()) {
            return; // H2 keeps one plain table: there is no partition to name
        }
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "running-day");
        String ingest = issueKey(tenant, "INGEST");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Instant minute = tomorrowNoon().truncatedTo(ChronoUnit.MINUTES);
            as(ingest).body(batch(spread("running-day", minute, 1, 30, 3, 20))).post("/telemetry/observations").then().statusCode(200);
            try (Connection report = Database.connect()) {
                // Something holding the partitioned table alone (not its partitions) locked, as an ALTER TABLE does.
                report.setAutoCommit(false);
                try (Statement statement = report.createStatement()) {
                    statement.execute("lock table only telemetry_rollup in access exclusive mode");
                }
                // A question not asked before, so it is read from the database. (Not a write: the first UPDATE of a
                // partition on a connection reads its partition constraint through the table, so it waits for the lock
                // whichever table it names.)
                Future<List<Integer>> meanwhile = pool.submit(() -> requestsPerMinute(tenant.adminKey(), serviceId,
                        minute.minus(Duration.ofMinutes(1)), minute.plus(Duration.ofMinutes(1))));
                try {
                    // A statement through the table would wait for the lock; through the day's partition it does not.
                    assertEquals(List.of(0, 30), meanwhile.get(30, TimeUnit.SECONDS));
                } finally {
                    report.rollback();
                }
            }
        } finally {
            pool.shutdownNow();
            clockAhead(Duration.ZERO);
        }
    }

    @Test
    void reads_and_writes_go_on_when_the_running_days_partition_was_made_again_by_a_restore() throws Exception {
        Tenant tenant = newTenant();
        String serviceId = registerService(tenant.adminKey(), "remade-day");
        String ingest = issueKey(tenant, "INGEST");
        try {
            Instant minute = tomorrowNoon().truncatedTo(ChronoUnit.MINUTES);
            as(ingest).body(batch(spread("remade-day", minute, 1, 30, 3, 20))).post("/telemetry/observations").then().statusCode(200);
            assertEquals(List.of(30), requestsPerMinute(tenant.adminKey(), serviceId, minute, minute.plus(Duration.ofMinutes(1))));
            if (!onPostgreSql()) {
                return;
            }
            String partition = "telemetry_rollup_minute_p" + DAY.format(minute);
            try (Connection restore = Database.connect(); Statement statement = restore.createStatement()) {
                // A restore that left the day's minutes in the default partition: the partition the server knew is gone.
                restore.setAutoCommit(false);
                statement.execute("alter table telemetry_rollup_minute detach partition " + partition);
                statement.execute("insert into telemetry_rollup_minute select * from " + partition);
                statement.execute("drop table " + partition);
                restore.commit();
            }
            // A read not asked before finds the partition gone and reads the table: the same minute, the same count.
            assertEquals(List.of(0, 30), requestsPerMinute(tenant.adminKey(), serviceId, minute.minus(Duration.ofMinutes(1)),
                    minute.plus(Duration.ofMinutes(1))));
            // A write after it names the table; none is refused.
            as(ingest).body(batch(spread("remade-day", minute, 1, 20, 0, 20))).post("/telemetry/observations").then().statusCode(200);
            assertEquals(List.of(0, 0, 50), requestsPerMinute(tenant.adminKey(), serviceId, minute.minus(Duration.ofMinutes(2)),
                    minute.plus(Duration.ofMinutes(1))));
            // The day's partition made again (its rows moved back from the default one): still the same counts, and writes go on.
            as(operatorKey()).post("/partitions/maintenance").then().statusCode(200).body("made.partition", hasItem(partition));
            as(ingest).body(batch(spread("remade-day", minute, 1, 10, 0, 20))).post("/telemetry/observations").then().statusCode(200);
            assertEquals(List.of(0, 0, 0, 60), requestsPerMinute(tenant.adminKey(), serviceId, minute.minus(Duration.ofMinutes(3)),
                    minute.plus(Duration.ofMinutes(1))));
        } finally {
            clockAhead(Duration.ZERO);
            if (onPostgreSql()) {
                as(operatorKey()).post("/partitions/maintenance").then().statusCode(200); // whatever happened, the day has its partition
            }
        }
    }

    @Test
    void a_run_waiting_for_its_turn_holds_up_no_other_caller_and_each_partition_is_made_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            clockAhead(Duration.ofDays(30)); // a month on, each run has that week's days (and a month) to make
            String first = "telemetry_rollup_minute_p" + DAY.format(serverNow());
            List<Future<List<String>>> runs = new ArrayList<>();
            List<String> made = new ArrayList<>();
            if (!onPostgreSql()) {
                for (int i = 0; i < 3; i++) {
                    runs.add(pool.submit(PartitionIT::maintenanceRun));
                }
                for (Future<List<String>> run : runs) {
                    made.addAll(run.get(2, TimeUnit.MINUTES));
                }
                assertEquals(List.of(), made);
                return;
            }
            try (Connection otherNode = Database.connect()) {
                // Another node's run, in the middle of making the first partition these runs need.
                otherNode.setAutoCommit(false);
                try (Statement statement = otherNode.createStatement()) {
                    statement.execute("select pg_advisory_xact_lock(hashtext('aia partition " + first + "'))");
                }
                for (int i = 0; i < 3; i++) {
                    runs.add(pool.submit(PartitionIT::maintenanceRun));
                }
                // All three wait for their turn in the database (none on the others in the server), and meanwhile the
                // layout answers. Within the runs' lock timeout of 10 s.
                eventually(Duration.ofSeconds(6), () -> assertEquals(3L, waitingForTheirTurn()));
                as(operatorKey()).get("/partitions").then().statusCode(200);
                otherNode.commit();
            }
            for (Future<List<String>> run : runs) {
                made.addAll(run.get(2, TimeUnit.MINUTES));
            }
            assertEquals(new HashSet<>(made).size(), made.size(), "each partition made by one run: " + made);
            Instant now = serverNow();
            for (int day = 0; day <= 7; day++) {
                String name = "telemetry_rollup_minute_p" + DAY.format(now.plus(Duration.ofDays(day)));
                assertTrue(made.contains(name), name + " made: " + made);
            }
        } finally {
            pool.shutdownNow();
            clockAhead(Duration.ZERO);
        }
    }

    private static List<String> maintenanceRun() {
        return as(operatorKey()).post("/partitions/maintenance").then().statusCode(200).extract().jsonPath().getList("made.partition");
    }

    private static long waitingForTheirTurn() {
        try {
            return Database.count("select count(*) from pg_locks where locktype = 'advisory' and not granted");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
