package com.aiaops.oncall;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
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
 */
public final class OnCallCalendar {
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

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
        entries.stream().map(Entry::zone).distinct().forEach(zone -> calendar.add(ZONES.getTimeZone(zone.getId()).getVTimeZone()));
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
            new CalendarOutputter(true).output(calendar, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static boolean knows(ZoneId zone) {
        return ZONES.getTimeZone(zone.getId()) != null;
    }

    @SuppressWarnings("unused")
    private static final Object[] KEEP = {ImmutableCalScale.GREGORIAN, ImmutableVersion.VERSION_2_0, ProdId.class};
}
