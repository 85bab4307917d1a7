package com.aiaops.it;

import io.restassured.RestAssured;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On-call in calendars: a schedule's and a person's iCalendar feed at a secret address, read by ical4j's parser as a
 * calendar application would, across Berlin's change to summer time; revoked feeds answer 404.
 */
class CalendarFeedIT extends ApiIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @AfterEach
    void realTimeAgain() {
        clockAhead(Duration.ZERO);
    }

    private static Calendar read(String url) throws Exception {
        String text = RestAssured.given().get(url).then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString();
        return new CalendarBuilder().build(new StringReader(text));
    }

    private static ZonedDateTime start(VEvent e) {
        return ZonedDateTime.from((Temporal) e.getDateTimeStart().getDate()).withZoneSameInstant(BERLIN);
    }

    private static ZonedDateTime end(VEvent e) {
        return ZonedDateTime.from((Temporal) e.getDateTimeEnd().getDate()).withZoneSameInstant(BERLIN);
    }

    private static String summary(VEvent e) {
        return e.getSummary().getValue();
    }

    @Test
    void aScheduleAndAPersonInTheirCalendarsAcrossTheChangeToSummerTime() throws Exception {
        Tenant tenant = newTenant();
        String alice = as(tenant.adminKey()).get("/members").then().extract().path("items[0].id");
        String bob = as(tenant.adminKey()).body(Map.of("email", unique("bob") + "@example.test", "displayName", "Bob",
                "role", "OPERATOR", "password", "a long enough password")).post("/members").then().statusCode(201).extract().path("id");
        String schedule = as(tenant.adminKey()).body(Map.of("name", "primary", "timeZone", "Europe/Berlin",
                        "firstHandoff", "2027-03-20T09:00:00", "turnLength", 1, "turnUnit", "DAYS", "members", List.of(alice, bob)))
                .post("/schedules").then().statusCode(201).extract().path("id");
        // Bob takes the evening of 29 March, 16:00 to 22:00 in Berlin (summer time by then).
        as(tenant.adminKey()).body(Map.of("memberId", bob, "from", "2027-03-29T14:00:00Z", "to", "2027-03-29T20:00:00Z"))
                .post("/schedules/" + schedule + "/overrides").then().statusCode(201);
        clockAhead(Duration.between(Instant.now(), Instant.parse("2027-03-22T12:00:00Z")));

        as(issueKey(tenant, "VIEWER")).body(Map.of("scheduleId", schedule)).post("/calendar-feeds").then().statusCode(403);
        as(tenant.adminKey()).body(Map.of("scheduleId", schedule, "memberId", bob)).post("/calendar-feeds").then().statusCode(400)
                .contentType(PROBLEM_JSON);
        String operator = issueKey(tenant, "OPERATOR");
        var created = as(operator).body(Map.of("scheduleId", schedule)).post("/calendar-feeds").then().statusCode(201)
                .body("url", notNullValue()).extract().jsonPath();
        String scheduleFeed = created.getString("url");
        assertTrue(scheduleFeed.matches("http://.*/api/v1/calendar-feeds/[A-Za-z0-9_-]{43}\\.ics"), scheduleFeed);

        // Without any credential: the address is the credential.
        Calendar calendar = read(scheduleFeed);
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertEquals("On call: primary", calendar.getProperty("X-WR-CALNAME").orElseThrow().getValue());
        assertEquals(1, calendar.getComponents("VTIMEZONE").size());
        // Before the first hand-off nobody is on call, and the feed says so.
        assertTrue(summary(events.get(0)).startsWith("Nobody on call"), summary(events.get(0)));
        List<VEvent> turns = events.stream().filter(e -> summary(e).contains(" on call (primary)") && !summary(e).startsWith("Nobody"))
                .toList();
        // Every hand-off at 09:00 local, before and after 28 March; the turn across the change lasts 23 hours.
        for (VEvent turn : turns) {
            if (!summary(turn).contains("override")) {
                assertTrue(start(turn).getHour() == 9 || end(turn).getHour() == 9, () -> summary(turn) + " " + start(turn));
            }
        }
        VEvent across = turns.stream().filter(e -> start(e).toLocalDate().equals(LocalDate.parse("2027-03-27"))).findFirst().orElseThrow();
        assertEquals(9, start(across).getHour());
        assertEquals(Duration.ofHours(23), Duration.between(start(across).toInstant(), end(across).toInstant()));
        assertEquals(Instant.parse("2027-03-28T07:00:00Z"), end(across).toInstant());
        VEvent override = events.stream().filter(e -> summary(e).contains("override")).findFirst().orElseThrow();
        assertEquals("Bob on call (primary) — override", summary(override));
        assertEquals(16, start(override).getHour());
        assertEquals(22, end(override).getHour());
        // 7 days back, 84 ahead: the feed reaches into June.
        assertTrue(end(events.get(events.size() - 1)).toLocalDate().isAfter(LocalDate.parse("2027-06-10")));
        // Stable ids: read again, the same events.
        assertEquals(events.stream().map(e -> e.getUid().orElseThrow().getValue()).toList(),
                read(scheduleFeed).<VEvent>getComponents("VEVENT").stream().map(e -> e.getUid().orElseThrow().getValue()).toList());

        // Bob's own feed: his turns and his override only.
        String bobFeed = as(operator).body(Map.of("memberId", bob)).post("/calendar-feeds").then().statusCode(201)
                .extract().path("url");
        List<VEvent> bobs = read(bobFeed).getComponents("VEVENT");
        assertFalse(bobs.isEmpty());
        assertTrue(bobs.stream().allMatch(e -> summary(e).startsWith("On call: primary")), () -> bobs.toString());
        assertEquals(1, bobs.stream().filter(e -> summary(e).endsWith("override")).count());
        assertEquals(turns.stream().filter(e -> summary(e).startsWith("Bob")).count(), bobs.size());

        // Listed with when it was last read; revoked, the address is gone; another organisation cannot touch it.
        as(operator).get("/calendar-feeds").then().statusCode(200).body("items.size()", equalTo(2))
                .body("items[0].lastReadAt", notNullValue()).body("items[0].url", equalTo(null));
        String feedId = created.getString("id");
        as(newTenant().adminKey()).delete("/calendar-feeds/" + feedId).then().statusCode(404);
        as(operator).delete("/calendar-feeds/" + feedId).then().statusCode(204);
        RestAssured.given().get(scheduleFeed).then().statusCode(404).contentType(PROBLEM_JSON);
        RestAssured.given().get(bobFeed).then().statusCode(200);
        RestAssured.given().get(scheduleFeed.replaceAll("[A-Za-z0-9_-]{43}\\.ics$", "A".repeat(43) + ".ics")).then().statusCode(404);
        anonymous().get("/calendar-feeds/not-a-token.ics").then().statusCode(404);
    }
}
