package com.aiaops.web.notification;

import com.aiaops.notification.ChannelType;
import com.aiaops.notification.Notification;
import com.aiaops.notification.NotificationChannel;
import com.aiaops.notification.NotificationService;
import com.aiaops.shared.Ids;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Notification channels: signed webhooks, Slack-compatible webhooks, e-mail addresses, PagerDuty (Events API v2),
 * Opsgenie (Alert API) and Microsoft Teams (Workflows webhook with an Adaptive Card).
 */
@Path("notification-channels")
@Tag(name = "Notifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class NotificationChannelResource {
    @Inject
    NotificationService notifications;

    @Inject
    CurrentCaller caller;

    public record DefineChannelRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes, 2 to 63") String name,
            @NotNull ChannelType type,
            @Size(max = 2000) String target,
            @Size(max = 200) String credential) {
    }

    /** The credential itself is never shown again; {@code hasCredential} says whether one is kept. */
    public record ChannelView(UUID id, String name, ChannelType type, String target, boolean signed, boolean hasCredential,
                              Instant createdAt) {
        static ChannelView of(NotificationChannel c) {
            return new ChannelView(c.id(), c.name(), c.type(), c.target(), c.signingSecret() != null, c.credential() != null,
                    c.createdAt());
        }
    }

    public record ReplaceCredentialRequest(@NotBlank @Size(max = 200) String credential) {
    }

    /** A new channel with its signing secret, which is never shown again. */
    public record DefinedChannelView(UUID id, String name, ChannelType type, String target, String signingSecret) {
    }

    @POST
    @Access(Role.ADMIN)
    @Operation(summary = "Define a channel. URL targets must be http(s) outside private and loopback ranges; a WEBHOOK's "
            + "signingSecret is shown once: deliveries carry X-AIA-Signature: sha256=<HMAC of the body>. PAGERDUTY needs the "
            + "integration's routing key and OPSGENIE an API integration's key as credential; their target defaults to the "
            + "vendor's public endpoint (give https://events.eu.pagerduty.com/v2/enqueue or https://api.eu.opsgenie.com for EU "
            + "accounts). TEAMS takes the URL of a Workflows webhook. An alert's trigger, acknowledgement and resolution reach "
            + "PagerDuty and Opsgenie as one alert there, in order")
    public Response define(@Valid @NotNull DefineChannelRequest body) {
        NotificationService.Defined defined = notifications.define(caller.get(), body.name(), body.type(), body.target(),
                body.credential());
        NotificationChannel c = defined.channel();
        return Response.created(URI.create("notification-channels/" + c.id()))
                .entity(new DefinedChannelView(c.id(), c.name(), c.type(), c.target(), defined.signingSecret())).build();
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "The organisation's channels by name")
    public Map<String, List<ChannelView>> list() {
        return Map.of("items", notifications.channels(caller.get()).stream().map(ChannelView::of).toList());
    }

    @GET
    @Path("{id}")
    @Access(Role.VIEWER)
    @Operation(summary = "One channel")
    public ChannelView get(@PathParam("id") String id) {
        return ChannelView.of(notifications.channel(caller.get(), Ids.parse(id, "notification channel")));
    }

    @POST
    @Path("{id}/secret")
    @Access(Role.ADMIN)
    @Operation(summary = "Replace a webhook's signing secret; the new one is shown once")
    public Map<String, String> rotateSecret(@PathParam("id") String id) {
        return Map.of("signingSecret", notifications.rotateSecret(caller.get(), Ids.parse(id, "notification channel")));
    }

    @PUT
    @Path("{id}/credential")
    @Access(Role.ADMIN)
    @Operation(summary = "Replace a PagerDuty routing key or an Opsgenie API key; notifications not yet delivered use the new one")
    public ChannelView replaceCredential(@PathParam("id") String id, @Valid @NotNull ReplaceCredentialRequest body) {
        return ChannelView.of(notifications.replaceCredential(caller.get(), Ids.parse(id, "notification channel"), body.credential()));
    }

    @POST
    @Path("{id}/tests")
    @Access(Role.OPERATOR)
    @Operation(summary = "Put a test notification for this channel in the outbox")
    public Response test(@PathParam("id") String id) {
        Notification n = notifications.sendTest(caller.get(), Ids.parse(id, "notification channel"));
        return Response.accepted(NotificationResource.NotificationView.of(n)).build();
    }

    @DELETE
    @Path("{id}")
    @Access(Role.ADMIN)
    @Operation(summary = "Delete a channel; what it still had to deliver is muted")
    public Response delete(@PathParam("id") String id) {
        notifications.delete(caller.get(), Ids.parse(id, "notification channel"));
        return Response.noContent().build();
    }
}
