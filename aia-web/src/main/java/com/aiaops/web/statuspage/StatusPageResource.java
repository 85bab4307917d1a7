package com.aiaops.web.statuspage;

import com.aiaops.access.OrganizationScope;
import com.aiaops.statuspage.StatusFeeds;
import com.aiaops.statuspage.StatusPage;
import com.aiaops.statuspage.StatusPageService;
import com.aiaops.statuspage.StatusSubscriber;
import com.aiaops.statuspage.StatusSubscriptions;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.web.platform.Inbound;
import com.aiaops.web.platform.Public;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public status page as JSON (the same page as HTML is at /status/{organization}), and for subscribers and
 * machines: subscribing by e-mail (double opt-in) or webhook, confirming, one-click unsubscribing (RFC 8058), the Atom
 * feed, and a Statuspage-compatible summary. One root resource, so that every path under status-pages/ is matched here.
 */
@Path("status-pages")
@Tag(name = "Status page")
public class StatusPageResource {
    static final String ATOM = "application/atom+xml;charset=utf-8";
    static final String HTML = "text/html;charset=utf-8";

    @Inject
    StatusPageService statusPage;

    @Inject
    StatusSubscriptions subscriptions;

    @Inject
    StatusFeeds feeds;

    @Context
    UriInfo uri;

    @GET
    @Path("{organization}")
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public, no credentials: components and their status, the overall status, active incidents with their "
            + "public updates, active and upcoming maintenance, 90 days of daily uptime; at most 15 s old")
    public Response page(@PathParam("organization") String organization) {
        StatusPage page = statusPage.publicPage(organization);
        CacheControl cache = new CacheControl();
        cache.setMaxAge(15);
        return Response.ok(page).cacheControl(cache).build();
    }

    /** An e-mail address or a webhook URL (one of the two), and the components to follow (none: all). */
    public record SubscribeRequest(@Size(max = 254) String email, @Size(max = 2000) String webhookUrl,
                                   @Size(max = 100) List<@NotNull @Size(max = 63) String> components) {
    }

    @POST
    @Path("{organization}/subscriptions")
    @Inbound
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public: subscribe to incident updates and announced maintenance. By e-mail, a confirmation link is "
            + "sent first and nothing else until it is followed; by webhook, at once. Every message carries its unsubscribe address")
    public Response subscribe(@PathParam("organization") String organization, @Valid @NotNull SubscribeRequest body) {
        if ((body.email() == null) == (body.webhookUrl() == null)) {
            throw InvalidRequestException.ofField("validation-failed", "email", "give either email or webhookUrl");
        }
        StatusSubscriber.Kind kind = body.email() != null ? StatusSubscriber.Kind.EMAIL : StatusSubscriber.Kind.WEBHOOK;
        subscribe(organization, kind, kind == StatusSubscriber.Kind.EMAIL ? body.email() : body.webhookUrl(), body.components());
        return Response.accepted(Map.of("status", kind == StatusSubscriber.Kind.EMAIL ? CONFIRMATION_SENT : "subscribed")).build();
    }

    private static final String CONFIRMATION_SENT = "If the address can subscribe, a confirmation link is on its way";

    @POST
    @Path("{organization}/subscription-form")
    @Inbound
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(HTML)
    @Operation(summary = "Public: the status page's own subscribe form (an e-mail address, every component); answers a page")
    public Response subscribeByForm(@PathParam("organization") String organization,
                                    @FormParam("email") @NotNull @Size(min = 3, max = 254) String email) {
        subscribe(organization, StatusSubscriber.Kind.EMAIL, email.strip(), null);
        return Response.accepted(page("Almost there", CONFIRMATION_SENT + ": follow it to hear of incidents and maintenance on the "
                + "status page of " + organization + ".")).build();
    }

    private void subscribe(String organization, StatusSubscriber.Kind kind, String address, List<String> components) {
        java.util.UUID page = subscriptions.pageOf(organization);
        String base = uri.getBaseUri().toString();
        OrganizationScope.within(page, () -> subscriptions.subscribe(page, kind, address, components, base.endsWith("/") ? base : base + "/"));
    }

    @GET
    @Path("{organization}/subscriptions/confirm")
    @Public
    @Produces(HTML)
    @Operation(summary = "Public: the link of the confirmation e-mail")
    public Response confirm(@PathParam("organization") String organization, @QueryParam("token") String token) {
        if (!subscriptions.confirm(token)) {
            throw new NotFoundException("subscription confirmation", "…");
        }
        return Response.ok(page("Subscribed", "You will hear of incidents and maintenance on the status page of "
                + organization + ". Every message has a link to unsubscribe.")).build();
    }

    @GET
    @Path("{organization}/subscriptions/unsubscribe")
    @Public
    @Produces(HTML)
    @Operation(summary = "Public: a page with the button that unsubscribes (a GET changes nothing: link checkers follow links)")
    public Response unsubscribePage(@PathParam("organization") String organization, @QueryParam("token") String token) {
        String action = uri.getRequestUri().toString();
        return Response.ok("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body>"
                + "<main><h1>Unsubscribe</h1><form method=\"post\" action=\"" + escape(action) + "\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe from " + escape(organization) + " status</button></form></main></body></html>")
                .build();
    }

    @POST
    @Path("{organization}/subscriptions/unsubscribe")
    @Inbound
    @Consumes(MediaType.WILDCARD)
    @Produces(HTML)
    @Operation(summary = "Public: one-click unsubscribe (RFC 8058: what mail clients POST, List-Unsubscribe=One-Click)")
    public Response unsubscribe(@PathParam("organization") String organization, @QueryParam("token") String token) {
        if (!subscriptions.unsubscribe(token)) {
            throw new NotFoundException("subscription", "…");
        }
        return Response.ok(page("Unsubscribed", "You will not hear from the status page of " + organization + " again.")).build();
    }

    @GET
    @Path("{organization}/feed.atom")
    @Public
    @Produces(ATOM)
    @Operation(summary = "Public: an Atom feed of public incident updates and announced maintenance (90 days)")
    public Response atom(@PathParam("organization") String organization) {
        String self = uri.getRequestUri().toString();
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        return Response.ok(feeds.atom(organization, self, pageUrl(organization)), ATOM).cacheControl(cache).build();
    }

    @GET
    @Path("{organization}/summary.json")
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public: the page in the shape of Atlassian Statuspage's /api/v2/summary.json")
    public Response summary(@PathParam("organization") String organization) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(15);
        return Response.ok(feeds.statuspageSummary(organization, pageUrl(organization))).cacheControl(cache).build();
    }

    private String pageUrl(String organization) {
        return uri.getBaseUri().resolve("../status/" + java.net.URLEncoder.encode(organization, java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    private static String page(String title, String text) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head><body><main><h1>"
                + escape(title) + "</h1><p>" + escape(text) + "</p></main></body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
