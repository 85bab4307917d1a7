package com.aiaops.web.notification;

import com.aiaops.notification.ChannelType;
import com.aiaops.notification.Notification;
import com.aiaops.notification.NotificationService;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.QueryParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The outbox as a client sees it: what was delivered, what waits for another attempt and why, what was muted. */
@Path("notifications")
@Tag(name = "Notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {
    @Inject
    NotificationService notifications;

    @Inject
    CurrentCaller caller;

    public record NotificationView(UUID id, UUID channelId, ChannelType channelType, String target, String event, String subject,
                                   String sourceType, UUID sourceId, Notification.State state, int attempts,
                                   Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.id(), n.channelId(), n.channelType(), n.target(), n.event(), n.subject(), n.sourceType(),
                    n.sourceId(), n.state(), n.attempts(), n.nextAttemptAt(), n.lastError(), n.createdAt(), n.deliveredAt());
        }
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Recent notifications, newest first (at most 500), by what they are about (sourceId), "
            + "by channel, or by state (PENDING, DELIVERED, MUTED)")
    public Map<String, List<NotificationView>> list(@QueryParam("sourceId") String sourceId, @QueryParam("channelId") String channelId,
                                                    @QueryParam("state") String state) {
        Notification.State wanted = QueryParameters.oneOf("state", state, Notification.State.class, null);
        return Map.of("items", notifications.list(caller.get(), QueryParameters.optionalId("sourceId", sourceId),
                QueryParameters.optionalId("channelId", channelId), wanted, 500)
                .stream().map(NotificationView::of).toList());
    }
}
