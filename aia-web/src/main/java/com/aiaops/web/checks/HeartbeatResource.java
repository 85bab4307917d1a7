package com.aiaops.web.checks;

import com.aiaops.checks.CheckService;
import com.aiaops.shared.NotFoundException;
import com.aiaops.web.platform.Inbound;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Beats of heartbeat checks: a cron job or a host behind NAT calls its check's secret address (GET, as {@code curl}
 * in a crontab does, or POST); the secret is the credential.
 */
@Path("heartbeats")
@Tag(name = "Synthetic checks")
@Produces(MediaType.APPLICATION_JSON)
public class HeartbeatResource {
    @Inject
    CheckService checks;

    @POST
    @Path("{token}")
    @Inbound
    @Operation(summary = "A beat of the heartbeat check with this secret (404 if there is none)")
    public Response beat(@PathParam("token") String token) {
        if (!checks.beat(token)) {
            throw new NotFoundException("heartbeat", "…");
        }
        return Response.ok(Map.of("status", "ok")).build();
    }

    @GET
    @Path("{token}")
    @Inbound
    @Operation(summary = "The same beat, for callers that can only GET")
    public Response beatByGet(@PathParam("token") String token) {
        return beat(token);
    }
}
