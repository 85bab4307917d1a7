package com.aiaops.oncall;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feed's text, read back by ical4j's parser: hand-offs stay at local 09:00 across Berlin's DST change. */
class OnCallCalendarTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void dailyHandoffsAtNineStayAtNineAcrossTheSpringChange() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Rotation rotation = new Rotation(LocalDateTime.parse("2027-03-25T09:00"), BERLIN, 1, Rotation.Unit.DAYS, List.of(alice, bob));
        List<Shift> shifts = Coverage.shifts(rotation, List.of(), java.util.Set.of(alice, bob),
                Instant.parse("2027-03-25T08:00:00Z"), Instant.parse("2027-03-31T07:00:00Z"));
        List<OnCallCalendar.Entry> entries = shifts.stream().map(s -> new OnCallCalendar.Entry("t-" + s.start().getEpochSecond() + "@test",
                (alice.equals(s.member()) ? "Alice" : "Bob") + " on call", "turn", s.start(), s.end(), BERLIN)).toList();
        String text = OnCallCalendar.write("On call: primary", entries, Instant.parse("2027-03-20T12:00:00Z"));

        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        List<VTimeZone> zones = calendar.getComponents("VTIMEZONE");
        assertEquals(1, zones.size());
        assertEquals("Europe/Berlin", zones.get(0).getTimeZoneId().getValue());
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertTrue(events.size() >= 5, text);
        for (VEvent event : events) {
            assertEquals("Europe/Berlin", event.getDateTimeStart().getParameter("TZID").orElseThrow().getValue(), text);
            ZonedDateTime start = ZonedDateTime.from((Temporal) event.getDateTimeStart().getDate());
            ZonedDateTime end = ZonedDateTime.from((Temporal) event.getDateTimeEnd().getDate());
            assertEquals(9, start.withZoneSameInstant(BERLIN).getHour(), text);
            assertEquals(9, end.withZoneSameInstant(BERLIN).getHour(), text);
        }
        // The night of 27 to 28 March 2027 is an hour shorter: that turn lasts 23 hours, in absolute time.
        VEvent shortTurn = events.stream().filter(e -> ZonedDateTime.from((Temporal) e.getDateTimeStart().getDate()).toLocalDate()
                .equals(java.time.LocalDate.parse("2027-03-27"))).findFirst().orElseThrow();
        Instant start = ZonedDateTime.from((Temporal) shortTurn.getDateTimeStart().getDate()).toInstant();
        Instant end = ZonedDateTime.from((Temporal) shortTurn.getDateTimeEnd().getDate()).toInstant();
        assertEquals(Instant.parse("2027-03-27T08:00:00Z"), start);
        assertEquals(Instant.parse("2027-03-28T07:00:00Z"), end);
        assertTrue(text.contains("X-WR-CALNAME:On call: primary"), text);
        assertTrue(text.contains("TRANSP:TRANSPARENT"), text);
    }

    @Test
    void aZoneTzurlOrgPublishesGoesInAsPublishedAndAnyOtherIsWrittenFromJavaTimesRules() {
        String berlin = OnCallCalendar.publishedVTimeZone(BERLIN);
        assertTrue(berlin.startsWith("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n") && berlin.endsWith("END:VTIMEZONE\r\n"), berlin);
        assertTrue(berlin.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"), berlin);
        assertEquals(null, OnCallCalendar.publishedVTimeZone(java.time.ZoneOffset.ofHours(2)));
        assertEquals(null, OnCallCalendar.publishedVTimeZone(ZoneId.of("GMT+02:00"))); // not a resource name: never looked up

        // The fallback over spring 2027: the offset in force since the October change, then the March one.
        String written = OnCallCalendar.vTimeZone(BERLIN, Instant.parse("2027-03-20T00:00:00Z"), Instant.parse("2027-04-10T00:00:00Z")).toString();
        assertTrue(written.contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD"), written);
        assertTrue(written.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT"), written);
        // A fixed offset has one observance and no change.
        String fixed = OnCallCalendar.vTimeZone(java.time.ZoneOffset.ofHours(2), Instant.parse("2027-03-20T00:00:00Z"),
                Instant.parse("2027-04-10T00:00:00Z")).toString();
        assertEquals(1, fixed.split("BEGIN:STANDARD").length - 1, fixed);
        assertTrue(fixed.contains("TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0200"), fixed);
    }
}
