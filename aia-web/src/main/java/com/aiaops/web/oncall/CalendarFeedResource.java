package com.aiaops.web.oncall;

import com.aiaops.access.OrganizationScope;
import com.aiaops.access.Role;
import com.aiaops.oncall.CalendarFeed;
import com.aiaops.oncall.CalendarFeeds;
import com.aiaops.shared.Ids;
import com.aiaops.shared.InvalidRequestException;
import com.aiaops.shared.NotFoundException;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.Public;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * On-call in people's calendars: iCalendar feeds of a schedule or of a person at a secret address that calendar
 * applications subscribe to, revocable at any time.
 */
@Path("calendar-feeds")
@Tag(name = "On-call")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CalendarFeedResource {
    static final String TEXT_CALENDAR = "text/calendar;charset=utf-8";

    @Inject
    CalendarFeeds feeds;

    @Inject
    CurrentCaller caller;

    @Context
    UriInfo uri;

    /** Exactly one of the two: the schedule's shifts, or one person's shifts across every schedule. */
    public record CreateFeedRequest(UUID scheduleId, UUID memberId) {
    }

    public record FeedView(UUID id, UUID scheduleId, UUID memberId, String createdBy, Instant createdAt, Instant lastReadAt) {
        static FeedView of(CalendarFeed f) {
            return new FeedView(f.id(), f.scheduleId(), f.memberId(), f.createdBy(), f.createdAt(), f.lastReadAt());
        }
    }

    /** A new feed with its address, which holds the secret and is never shown again. */
    public record CreatedFeedView(UUID id, UUID scheduleId, UUID memberId, String url) {
    }

    @POST
    @Access(Role.OPERATOR)
    @Operation(summary = "Make a calendar feed of a schedule (scheduleId) or of a person across schedules (memberId); its url, "
            + "shown once, is what a calendar application subscribes to (iCalendar, RFC 5545: the last 7 days and the next 84, "
            + "hand-offs and overrides at the schedule's local times)")
    public Response create(@Valid @NotNull CreateFeedRequest body) {
        if ((body.scheduleId() == null) == (body.memberId() == null)) {
            throw InvalidRequestException.ofField("validation-failed", "scheduleId", "give either scheduleId or memberId");
        }
        CalendarFeeds.Created created = body.scheduleId() != null ? feeds.createForSchedule(caller.get(), body.scheduleId())
                : feeds.createForMember(caller.get(), body.memberId());
        CalendarFeed f = created.feed();
        URI address = uri.getBaseUriBuilder().path("calendar-feeds").path(created.token() + ".ics").build();
        return Response.created(URI.create("calendar-feeds/" + f.id()))
                .entity(new CreatedFeedView(f.id(), f.scheduleId(), f.memberId(), address.toString())).build();
    }

    @GET
    @Access(Role.OPERATOR)
    @Operation(summary = "The organisation's calendar feeds (without their addresses) and when each was last read")
    public Map<String, List<FeedView>> list() {
        return Map.of("items", feeds.list(caller.get()).stream().map(FeedView::of).toList());
    }

    @DELETE
    @Path("{id}")
    @Access(Role.OPERATOR)
    @Operation(summary = "Revoke a feed: its address answers 404 from now on")
    public Response revoke(@PathParam("id") String id) {
        feeds.revoke(caller.get(), Ids.parse(id, "calendar feed"));
        return Response.noContent().build();
    }

    @GET
    @Path("{token}.ics")
    @Public
    @Produces(TEXT_CALENDAR)
    @Operation(summary = "Public, the token is the credential: the feed as iCalendar (text/calendar)")
    public Response read(@PathParam("token") String token) {
        CalendarFeeds.Opened opened = feeds.open(token).orElseThrow(() -> new NotFoundException("calendar feed", token.length() > 12
                ? token.substring(0, 4) + "…" : "…"));
        String calendar = OrganizationScope.within(opened.organizationId(), () -> feeds.render(opened.feedId()));
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(300);
        return Response.ok(calendar, TEXT_CALENDAR).cacheControl(cache)
                .header("Content-Disposition", "inline; filename=\"on-call.ics\"").build();
    }
}
