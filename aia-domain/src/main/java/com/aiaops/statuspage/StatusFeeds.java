package com.aiaops.statuspage;

import com.aiaops.access.Caller;
import com.aiaops.incident.IncidentService;
import com.aiaops.maintenance.MaintenanceService;
import com.aiaops.maintenance.MaintenanceWindow;
import com.aiaops.shared.NotFoundException;
import com.aiaops.tenancy.Organization;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The status page for machines: an Atom feed (RFC 4287) of public incident updates and announced maintenance, and a
 * summary in the JSON shape of Atlassian Statuspage's {@code /api/v2/summary.json}, which many tools already read.
 */
@ApplicationScoped
public class StatusFeeds {
    static final Duration HISTORY = Duration.ofDays(90);
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    @Inject
    TenancyRepository tenancy;

    @Inject
    IncidentService incidents;

    @Inject
    MaintenanceService maintenance;

    @Inject
    StatusPageService pages;

    @Inject
    Clock clock;

    private record Entry(String id, String title, Instant updated, String text) {
    }

    /** The feed of the page with this slug; {@code selfUrl} is the feed's own address, {@code pageUrl} the HTML page's. */
    @Transactional
    public String atom(String slug, String selfUrl, String pageUrl) {
        Organization organization = tenancy.organizationBySlug(slug).orElseThrow(() -> new NotFoundException("status page", slug));
        Instant now = clock.instant();
        List<Entry> entries = new ArrayList<>();
        for (IncidentService.PublicEntry update : incidents.publicHistory(organization.id(), now.minus(HISTORY), 200)) {
            String title = update.publicTitle() == null ? "Investigating an issue" : update.publicTitle();
            entries.add(new Entry("urn:uuid:" + update.incidentId() + "#update-" + update.entryId(),
                    title + " — " + update.state().toLowerCase(Locale.ROOT), update.at(), update.text()));
        }
        for (MaintenanceWindow window : maintenance.list(Caller.system(organization.id()), now.minus(HISTORY), now.plus(HISTORY))) {
            entries.add(new Entry("urn:uuid:" + window.id(), "Maintenance: " + window.title(), window.createdAt(),
                    "Scheduled from " + window.startsAt() + " to " + window.endsAt() + " (UTC)."));
        }
        entries.sort(Comparator.comparing(Entry::updated).reversed());
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", "urn:uuid:" + organization.id());
            element(xml, "title", organization.name() + " status");
            element(xml, "updated", (entries.isEmpty() ? organization.createdAt() : entries.get(0).updated())
                    .truncatedTo(ChronoUnit.SECONDS).toString());
            link(xml, "self", selfUrl, "application/atom+xml");
            link(xml, "alternate", pageUrl, "text/html");
            xml.writeStartElement("author");
            element(xml, "name", organization.name());
            xml.writeEndElement();
            element(xml, "generator", "AIA Ops");
            for (Entry entry : entries) {
                xml.writeStartElement("entry");
                element(xml, "id", entry.id());
                element(xml, "title", entry.title());
                element(xml, "updated", entry.updated().truncatedTo(ChronoUnit.SECONDS).toString());
                link(xml, "alternate", pageUrl, "text/html");
                xml.writeStartElement("content");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(entry.text());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the feed could not be written", e);
        }
        return text.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }

    /** The page in the JSON shape of Statuspage's summary: page, status indicator, components, incidents, maintenance. */
    public Map<String, Object> statuspageSummary(String slug, String pageUrl) {
        StatusPage page = pages.publicPage(slug);
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("id", page.organization());
        about.put("name", page.name());
        about.put("url", pageUrl);
        about.put("time_zone", "Etc/UTC");
        about.put("updated_at", page.generatedAt().toString());
        summary.put("page", about);
        summary.put("status", Map.of("indicator", indicator(page.overall()), "description", description(page.overall())));
        List<Map<String, Object>> shown = new ArrayList<>();
        int position = 1;
        for (StatusPage.Component component : page.components()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", page.organization() + "-" + position);
            c.put("name", component.name());
            c.put("status", component.status().name().toLowerCase(Locale.ROOT));
            c.put("position", position++);
            c.put("description", component.reason());
            c.put("showcase", true);
            c.put("updated_at", page.generatedAt().toString());
            shown.add(c);
        }
        summary.put("components", shown);
        List<Map<String, Object>> open = new ArrayList<>();
        for (StatusPage.ActiveIncident incident : page.incidents()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", incident.title());
            i.put("status", incidentStatus(incident.state()));
            i.put("impact", switch (incident.severity()) {
                case "P0" -> "critical";
                case "P1" -> "major";
                default -> "minor";
            });
            i.put("created_at", incident.startedAt().toString());
            Instant updated = incident.updates().stream().map(StatusPage.Update::at).max(Comparator.naturalOrder()).orElse(incident.startedAt());
            i.put("updated_at", updated.toString());
            i.put("shortlink", pageUrl);
            i.put("incident_updates", incident.updates().stream().sorted(Comparator.comparing(StatusPage.Update::at).reversed())
                    .map(u -> Map.of("body", u.text(), "created_at", u.at().toString(), "status", incidentStatus(incident.state())))
                    .toList());
            i.put("components", incident.components().stream().map(name -> Map.of("name", name)).toList());
            open.add(i);
        }
        summary.put("incidents", open);
        summary.put("scheduled_maintenances", page.maintenance().stream().map(m -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("name", m.title());
            w.put("status", m.inProgress() ? "in_progress" : "scheduled");
            w.put("impact", "maintenance");
            w.put("scheduled_for", m.startsAt().toString());
            w.put("scheduled_until", m.endsAt().toString());
            w.put("components", m.components().stream().map(name -> Map.of("name", name)).toList());
            return w;
        }).toList());
        return summary;
    }

    static String indicator(ComponentStatus overall) {
        return switch (overall) {
            case OPERATIONAL, UNDER_MAINTENANCE -> "none";
            case DEGRADED_PERFORMANCE -> "minor";
            case PARTIAL_OUTAGE -> "major";
            case MAJOR_OUTAGE -> "critical";
        };
    }

    static String description(ComponentStatus overall) {
        return switch (overall) {
            case OPERATIONAL -> "All Systems Operational";
            case UNDER_MAINTENANCE -> "Service Under Maintenance";
            case DEGRADED_PERFORMANCE -> "Minor Service Outage";
            case PARTIAL_OUTAGE -> "Partial System Outage";
            case MAJOR_OUTAGE -> "Major Service Outage";
        };
    }

    /** Our life cycle in Statuspage's words: investigating, identified, monitoring, resolved. */
    static String incidentStatus(String state) {
        return switch (state) {
            case "TRIGGERED" -> "investigating";
            case "ACKNOWLEDGED" -> "identified";
            case "MITIGATED" -> "monitoring";
            default -> "resolved";
        };
    }
}
