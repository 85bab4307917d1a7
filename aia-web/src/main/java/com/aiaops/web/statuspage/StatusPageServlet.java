package com.aiaops.web.statuspage;

import com.aiaops.shared.NotFoundException;
import com.aiaops.statuspage.ComponentStatus;
import com.aiaops.statuspage.StatusPage;
import com.aiaops.statuspage.StatusPageService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static com.aiaops.shared.Html.escape;

/**
 * The public status page as HTML: no script, no external resources, every text escaped (names and updates are
 * written by customers' operators, and the page is public).
 */
@WebServlet("/status/*")
public class StatusPageServlet extends HttpServlet {
    @Inject
    transient StatusPageService statusPage;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String slug = path == null ? "" : path.substring(1);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        StatusPage page;
        try {
            if (!slug.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw new NotFoundException("status page", slug);
            }
            page = statusPage.publicPage(slug);
        } catch (NotFoundException e) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/html");
            response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>"
                    + "<body><h1>No status page here</h1></body></html>");
            return;
        }
        response.setContentType("text/html");
        response.setHeader("Cache-Control", "max-age=15");
        render(page, response.getWriter());
    }

    static void render(StatusPage page, PrintWriter out) {
        out.println("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.println("<title>" + escape(page.name()) + " status</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
                + ".OPERATIONAL{color:#1a7f37}.DEGRADED_PERFORMANCE{color:#9a6700}.PARTIAL_OUTAGE{color:#bc4c00}"
                + ".MAJOR_OUTAGE{color:#cf222e}.UNDER_MAINTENANCE{color:#0969da}"
                + ".bar{display:flex;gap:1px}.bar span{flex:1;height:1.6rem;background:#ddd}.bar .up{background:#2da44e}"
                + ".bar .dip{background:#d4a72c}.bar .down{background:#cf222e}table{border-collapse:collapse;width:100%}"
                + "td{padding:.4rem;border-bottom:1px solid #eee;vertical-align:top}</style></head><body>");
        out.println("<h1>" + escape(page.name()) + "</h1>");
        out.println("<p id=\"overall\" class=\"" + page.overall() + "\"><strong>" + label(page.overall()) + "</strong></p>");
        if (!page.incidents().isEmpty()) {
            out.println("<h2>Active incidents</h2>");
            for (StatusPage.ActiveIncident incident : page.incidents()) {
                out.println("<section class=\"incident\"><h3>" + escape(incident.title()) + "</h3><p>" + escape(incident.state().toLowerCase(Locale.ROOT))
                        + " since " + incident.startedAt() + (incident.components().isEmpty() ? "" : " · affects "
                        + escape(String.join(", ", incident.components()))) + "</p><ul>");
                for (StatusPage.Update update : incident.updates()) {
                    out.println("<li><time>" + update.at() + "</time> " + escape(update.text()) + "</li>");
                }
                out.println("</ul></section>");
            }
        }
        if (!page.maintenance().isEmpty()) {
            out.println("<h2>Maintenance</h2><ul>");
            for (StatusPage.Maintenance m : page.maintenance()) {
                out.println("<li>" + (m.inProgress() ? "<strong>In progress</strong> " : "Scheduled ") + escape(m.title()) + ": "
                        + m.startsAt() + " – " + m.endsAt() + " (" + escape(String.join(", ", m.components())) + ")</li>");
            }
            out.println("</ul>");
        }
        out.println("<h2>Components</h2><table>");
        for (StatusPage.Component c : page.components()) {
            out.println("<tr><td><strong>" + escape(c.name()) + "</strong><br><span class=\"" + c.status() + "\">" + label(c.status())
                    + "</span></td><td>" + (c.uptime90d() == null ? "no data" : String.format(Locale.ROOT, "%.3f %%", c.uptime90d() * 100))
                    + " uptime, 90 days<div class=\"bar\" aria-label=\"daily uptime, oldest first\">");
            java.time.LocalDate day = c.firstDay();
            for (Double uptime : c.dailyUptime()) {
                String kind = uptime == null ? "" : uptime >= 0.999 ? "up" : uptime >= 0.99 ? "dip" : "down";
                out.print("<span class=\"" + kind + "\" title=\"" + day + ": " + (uptime == null ? "no data"
                        : String.format(Locale.ROOT, "%.3f %%", uptime * 100)) + "\"></span>");
                day = day.plusDays(1);
            }
            out.println("</div></td></tr>");
        }
        String api = "/api/v1/status-pages/" + escape(page.organization());
        // Subscribing needs no script: a plain form (the page's policy has no form-action limit), confirmed by e-mail.
        out.println("</table><h2>Get updates</h2><form method=\"post\" action=\"" + api + "/subscription-form\">"
                + "<label for=\"subscribe-email\">E-mail</label> <input id=\"subscribe-email\" name=\"email\" type=\"email\" required maxlength=\"254\"> "
                + "<button type=\"submit\">Subscribe</button></form>");
        out.println("<p><small>Updated " + page.generatedAt() + " · <a href=\"" + api + "\">JSON</a> · <a href=\"" + api
                + "/feed.atom\">Atom feed</a> · <a href=\"" + api + "/summary.json\">summary.json</a></small></p></body></html>");
    }

    static String label(ComponentStatus status) {
        return switch (status) {
            case OPERATIONAL -> "Operational";
            case DEGRADED_PERFORMANCE -> "Degraded performance";
            case PARTIAL_OUTAGE -> "Partial outage";
            case MAJOR_OUTAGE -> "Major outage";
            case UNDER_MAINTENANCE -> "Under maintenance";
        };
    }
}
