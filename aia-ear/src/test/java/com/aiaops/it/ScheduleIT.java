package com.aiaops.it;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** On-call schedules over HTTP: rotation across DST, overrides, shifts with empty shifts, isolation. */
class ScheduleIT extends ApiIT {

    @Test
    void who_is_on_call_follows_the_rotation_and_overrides() {
        Tenant tenant = newTenant();
        String alice = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String bob = as(tenant.adminKey()).body(Map.of("email", unique("bob") + "@example.test", "displayName", "Bob",
                "role", "OPERATOR", "password", "a long enough password")).post("/members").then().statusCode(201).extract().path("id");
        String schedule = as(tenant.adminKey()).body(Map.of("name", "primary", "timeZone", "Europe/Paris",
                        "firstHandoff", "2026-03-16T09:00:00", "turnLength", 1, "turnUnit", "WEEKS", "members", List.of(alice, bob)))
                .post("/schedules").then().statusCode(201).extract().path("id");

        // Monday 30 March, after the switch to summer time: the hand-off is at 07:00 UTC (09:00 in Paris).
        as(tenant.adminKey()).queryParam("at", "2026-03-30T06:59:00Z").get("/schedules/" + schedule + "/on-call")
                .then().body("memberId", equalTo(bob));
        as(tenant.adminKey()).queryParam("at", "2026-03-30T07:00:00Z").get("/schedules/" + schedule + "/on-call")
                .then().body("memberId", equalTo(alice));

        as(tenant.adminKey()).body(Map.of("memberId", bob, "from", "2026-03-31T18:00:00Z", "to", "2026-04-01T06:00:00Z"))
                .post("/schedules/" + schedule + "/overrides").then().statusCode(201);
        as(tenant.adminKey()).queryParam("at", "2026-03-31T20:00:00Z").get("/schedules/" + schedule + "/on-call")
                .then().body("memberId", equalTo(bob));
        as(tenant.adminKey()).queryParam("from", "2026-03-30T07:00:00Z").queryParam("to", "2026-04-06T07:00:00Z")
                .get("/schedules/" + schedule + "/shifts").then().statusCode(200)
                .body("items.member", equalTo(List.of(alice, bob, alice))).body("items[1].override", equalTo(true));

        as(tenant.adminKey()).delete("/members/" + bob).then().statusCode(204);
        as(tenant.adminKey()).queryParam("from", "2026-04-06T07:00:00Z").queryParam("to", "2026-04-13T07:00:00Z")
                .get("/schedules/" + schedule + "/shifts").then().body("items[0].empty", equalTo(true));
    }

    @Test
    void the_list_of_schedules_names_who_is_on_call_now_on_each_with_the_overrides_in_force_only() {
        Tenant tenant = newTenant();
        String alice = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String bob = member(tenant, "bob");
        String carol = member(tenant, "carol");
        java.time.Instant now = java.time.Instant.now();
        String overridden = schedule(tenant, "overridden", alice);
        String pastOverride = schedule(tenant, "past-override", alice);
        String twice = schedule(tenant, "twice", alice);
        override(tenant, overridden, bob, now.minusSeconds(3600), now.plusSeconds(3600));
        override(tenant, pastOverride, bob, now.minusSeconds(3 * 3600), now.minusSeconds(2 * 3600));
        override(tenant, twice, bob, now.minusSeconds(3600), now.plusSeconds(3600));
        override(tenant, twice, carol, now.minusSeconds(1800), now.plusSeconds(1800)); // made later: it wins
        // Another organisation's override in force now changes nothing here.
        Tenant other = newTenant();
        String stranger = as(other.adminKey()).get("/members").then().extract().path("items[0].id");
        String dave = member(other, "dave");
        override(other, schedule(other, "overridden", stranger), dave, now.minusSeconds(3600), now.plusSeconds(3600));

        as(tenant.adminKey()).get("/schedules").then().statusCode(200)
                .body("items.name", equalTo(List.of("overridden", "past-override", "twice")))
                .body("items.onCallNow", equalTo(List.of(bob, alice, carol)));
        as(tenant.adminKey()).get("/schedules/" + overridden).then().body("onCallNow", equalTo(bob));
        as(tenant.adminKey()).get("/schedules/" + twice).then().body("onCallNow", equalTo(carol));
        as(other.adminKey()).get("/schedules").then().body("items.onCallNow", equalTo(List.of(dave)));
    }

    /**
     * The list is kept until a schedule or an override changes: as time alone passes the next hand-off changes who is on
     * call in it at once, and so do an override's start and end; a new override or schedule shows in the very next read.
     */
    @Test
    void the_kept_list_of_schedules_follows_hand_offs_overrides_and_new_schedules_as_they_come() {
        Tenant tenant = newTenant();
        String alice = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String bob = member(tenant, "bob");
        // Daily turns that began twelve hours ago: Alice's turn now, Bob's from twelve hours on.
        java.time.LocalDateTime firstHandoff = java.time.LocalDateTime.ofInstant(serverNow().minus(java.time.Duration.ofHours(12)),
                java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        as(tenant.adminKey()).body(Map.of("name", "daily", "timeZone", "UTC", "firstHandoff", firstHandoff.toString(),
                "turnLength", 1, "turnUnit", "DAYS", "members", List.of(alice, bob))).post("/schedules").then().statusCode(201);
        try {
            String daily = as(tenant.adminKey()).get("/schedules").then().extract().path("items[0].id");
            for (int read = 0; read < 2; read++) {
                as(tenant.adminKey()).get("/schedules").then().statusCode(200).body("items.onCallNow", equalTo(List.of(alice)));
                as(tenant.adminKey()).get("/schedules/" + daily).then().statusCode(200).body("onCallNow", equalTo(alice));
            }
            clockAhead(java.time.Duration.ofHours(13));
            as(tenant.adminKey()).get("/schedules").then().body("items.onCallNow", equalTo(List.of(bob)));
            as(tenant.adminKey()).get("/schedules/" + daily).then().body("onCallNow", equalTo(bob));

            java.time.Instant now = serverNow();
            override(tenant, daily, alice, now.minusSeconds(3600), now.plusSeconds(3600));
            as(tenant.adminKey()).get("/schedules").then().body("items.onCallNow", equalTo(List.of(alice)));
            as(tenant.adminKey()).get("/schedules/" + daily).then().body("onCallNow", equalTo(alice));
            clockAhead(java.time.Duration.ofHours(15));
            as(tenant.adminKey()).get("/schedules").then().body("items.onCallNow", equalTo(List.of(bob)));
            as(tenant.adminKey()).get("/schedules/" + daily).then().body("onCallNow", equalTo(bob));
            as(newTenant().adminKey()).get("/schedules/" + daily).then().statusCode(404);

            schedule(tenant, "another", alice);
            as(tenant.adminKey()).get("/schedules").then().body("items.name", equalTo(List.of("another", "daily")));
        } finally {
            clockAhead(java.time.Duration.ZERO);
        }
    }

    private static String member(Tenant tenant, String name) {
        return as(tenant.adminKey()).body(Map.of("email", unique(name) + "@example.test", "displayName", name,
                "role", "OPERATOR", "password", "a long enough password")).post("/members").then().statusCode(201).extract().path("id");
    }

    private static String schedule(Tenant tenant, String name, String member) {
        return as(tenant.adminKey()).body(Map.of("name", name, "timeZone", "UTC", "firstHandoff", "2026-03-16T09:00:00",
                "turnLength", 1, "turnUnit", "DAYS", "members", List.of(member))).post("/schedules").then().statusCode(201).extract().path("id");
    }

    private static void override(Tenant tenant, String schedule, String member, java.time.Instant from, java.time.Instant to) {
        as(tenant.adminKey()).body(Map.of("memberId", member, "from", from.toString(), "to", to.toString()))
                .post("/schedules/" + schedule + "/overrides").then().statusCode(201);
    }

    @Test
    void bad_schedules_are_refused_and_other_organisations_see_nothing() {
        Tenant tenant = newTenant();
        String alice = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        as(tenant.adminKey()).body(Map.of("name", "bad-zone", "timeZone", "Mars/Olympus", "firstHandoff", "2026-03-16T09:00:00",
                "turnLength", 1, "turnUnit", "WEEKS", "members", List.of(alice))).post("/schedules").then().statusCode(400)
                .body("errors.field", hasItem("timeZone"));
        Tenant other = newTenant();
        String stranger = as(other.adminKey()).get("/members").then().extract().path("items[0].id");
        as(tenant.adminKey()).body(Map.of("name", "stranger", "timeZone", "UTC", "firstHandoff", "2026-03-16T09:00:00",
                "turnLength", 1, "turnUnit", "DAYS", "members", List.of(stranger))).post("/schedules").then().statusCode(400);
        String schedule = as(tenant.adminKey()).body(Map.of("name", "daily", "timeZone", "UTC", "firstHandoff", "2026-03-16T09:00:00",
                "turnLength", 1, "turnUnit", "DAYS", "members", List.of(alice))).post("/schedules").then().statusCode(201).extract().path("id");
        as(other.adminKey()).get("/schedules/" + schedule).then().statusCode(404);
        as(other.adminKey()).get("/schedules/" + schedule + "/on-call").then().statusCode(404);
        as(other.adminKey()).body(Map.of("memberId", stranger, "from", "2026-03-31T18:00:00Z", "to", "2026-04-01T06:00:00Z"))
                .post("/schedules/" + schedule + "/overrides").then().statusCode(404);
        as(tenant.adminKey()).queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-12-01T00:00:00Z")
                .get("/schedules/" + schedule + "/shifts").then().statusCode(400);
    }
}
