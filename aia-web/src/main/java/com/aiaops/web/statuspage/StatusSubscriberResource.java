package com.aiaops.web.statuspage;

import com.aiaops.access.Role;
import com.aiaops.shared.Ids;
import com.aiaops.statuspage.StatusSubscriber;
import com.aiaops.statuspage.StatusSubscriptions;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The status page's subscribers, for the organisation's admins (their addresses are personal data). */
@Path("status-subscribers")
@Tag(name = "Status page")
@Produces(MediaType.APPLICATION_JSON)
public class StatusSubscriberResource {
    @Inject
    StatusSubscriptions subscriptions;

    @Inject
    CurrentCaller caller;

    public record SubscriberView(UUID id, StatusSubscriber.Kind kind, String address, List<UUID> serviceIds, boolean confirmed,
                                 Instant createdAt, Instant confirmedAt) {
        static SubscriberView of(StatusSubscriber s) {
            return new SubscriberView(s.id(), s.kind(), s.address(), s.services(), s.confirmed(), s.createdAt(), s.confirmedAt());
        }
    }

    @GET
    @Access(Role.ADMIN)
    @Operation(summary = "Subscribers, oldest first (at most 10,000)")
    public Map<String, List<SubscriberView>> list() {
        return Map.of("items", subscriptions.list(caller.get()).stream().map(SubscriberView::of).toList());
    }

    @DELETE
    @Path("{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Remove a subscriber")
    public Response remove(@PathParam("id") String id) {
        subscriptions.remove(caller.get(), Ids.parse(id, "status subscriber"));
        return Response.noContent().build();
    }
}
