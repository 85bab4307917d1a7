package com.aiaops.oncall;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Shifts as an iCalendar (RFC 5545) document, written by ical4j: each shift an event at the schedule's local times
 * ({@code DTSTART;TZID=…} with the zone's {@code VTIMEZONE}), so a hand-off at 09:00 shows at 09:00 on both sides of a
 * DST change. Event ids are stable (schedule, start and kind), so a calendar updates its copy instead of doubling it.
 * The {@code VTIMEZONE} is written from java.time's own rules, not ical4j's zone registry: that registry registers zones
 * with the JVM-wide java.time provider, which a second deployment in the same server (a redeploy) cannot do again.
 */
public final class OnCallCalendar {
    /** One event: a shift of a schedule, in that schedule's zone. */
    public record Entry(String uid, String summary, String description, Instant start, Instant end, ZoneId zone) {
    }

    private OnCallCalendar() {
    }

    public static String write(String name, List<Entry> entries, Instant now) {
        Calendar calendar = new Calendar()
                .withProdId("-//AIA Ops//On-call//EN")
                .withDefaults()
                .withProperty(ImmutableMethod.PUBLISH)
                .withProperty(new XProperty("X-WR-CALNAME", name))
                .getFluentTarget();
        // Zones published by tzurl.org (bundled with ical4j) go in as their text, spliced in below; others are written here.
        List<String> published = new ArrayList<>();
        if (!entries.isEmpty()) {
            Instant from = entries.stream().map(Entry::start).min(Comparator.naturalOrder()).orElseThrow();
            Instant to = entries.stream().map(Entry::end).max(Comparator.naturalOrder()).orElseThrow();
            for (ZoneId zone : entries.stream().map(Entry::zone).distinct().toList()) {
                String text = publishedVTimeZone(zone);
                if (text == null) {
                    calendar.add(vTimeZone(zone, from, to));
                } else {
                    published.add(text);
                }
            }
        }
        for (Entry entry : entries) {
            VEvent event = new VEvent(entry.start().atZone(entry.zone()), entry.end().atZone(entry.zone()), entry.summary());
            event.replace(new DtStamp(now));
            event.add(new Uid(entry.uid()));
            event.add(new Description(entry.description()));
            event.add(new Transp(Transp.VALUE_TRANSPARENT)); // being on call does not make a person busy
            calendar.add(event);
        }
        StringWriter text = new StringWriter();
        try {
            // Not validated by the outputter: a published VTIMEZONE is added to the text after it.
            new CalendarOutputter(false).output(calendar, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String document = text.toString();
        int at = document.indexOf("BEGIN:VEVENT");
        if (at < 0) {
            at = document.indexOf("END:VCALENDAR");
        }
        return document.substring(0, at) + String.join("", published) + document.substring(at);
    }

    /**
     * The zone's VTIMEZONE as tzurl.org publishes it (ical4j's bundled zoneinfo, with the recurrence rules calendars
     * expect), CRLF-terminated; null when there is none for that id.
     */
    static String publishedVTimeZone(ZoneId zone) {
        String id = zone.getId();
        if (!id.matches("[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*")) {
            return null;
        }
        try (java.io.InputStream in = OnCallCalendar.class.getClassLoader().getResourceAsStream("zoneinfo/" + id + ".ics")) {
            if (in == null) {
                return null;
            }
            String ics = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n");
            int begin = ics.indexOf("BEGIN:VTIMEZONE\n");
            int end = ics.indexOf("END:VTIMEZONE\n", begin);
            if (begin < 0 || end < 0) {
                return null;
            }
            return ics.substring(begin, end + "END:VTIMEZONE\n".length()).replace("\n", "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the VTIMEZONE of " + id, e);
        }
    }

    /**
     * The zone's VTIMEZONE over [from, to]: the offset in force at {@code from} (a STANDARD or DAYLIGHT observance from
     * that moment), then one observance per transition up to {@code to}, each at its local time before the change.
     */
    static VTimeZone vTimeZone(ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        List<Observance> observances = new ArrayList<>();
        ZoneOffset first = rules.getOffset(from);
        ZoneOffsetTransition previous = rules.previousTransition(from);
        LocalDateTime since = previous == null ? LocalDateTime.ofInstant(from, first) : previous.getDateTimeBefore();
        observances.add(observance(rules.isDaylightSavings(from), since, previous == null ? first : previous.getOffsetBefore(), first));
        for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && !t.getInstant().isAfter(to); t = rules.nextTransition(t.getInstant())) {
            observances.add(observance(rules.isDaylightSavings(t.getInstant()), t.getDateTimeBefore(), t.getOffsetBefore(), t.getOffsetAfter()));
        }
        VTimeZone vTimeZone = new VTimeZone(new ComponentList<>(observances));
        vTimeZone.add(new TzId(zone.getId()));
        return vTimeZone;
    }

    private static Observance observance(boolean daylight, LocalDateTime start, ZoneOffset offsetFrom, ZoneOffset offsetTo) {
        Observance observance = daylight ? new Daylight() : new Standard();
        observance.add(new DtStart<>(start));
        observance.add(new TzOffsetFrom(offsetFrom));
        observance.add(new TzOffsetTo(offsetTo));
        return observance;
    }

    @SuppressWarnings("unused")
    private static final Object[] KEEP = {ImmutableCalScale.GREGORIAN, ImmutableVersion.VERSION_2_0, ProdId.class};
}
