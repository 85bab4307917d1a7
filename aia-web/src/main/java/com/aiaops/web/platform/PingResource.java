package com.aiaops.web.platform;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The cheapest answer the API gives: no database, no cache, no caller. Load-balancer probes use it, and the load
 * benchmark measures the framework's own ceiling with it, against which the real endpoints are a ratio.
 */
@Path("ping")
@Tag(name = "Platform")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {
    public record Pong(String status) {
    }

    private static final Pong PONG = new Pong("ok");

    @GET
    @Public
    @Operation(summary = "Answers {\"status\":\"ok\"}: the API is serving requests")
    public Pong ping() {
        return PONG;
    }
}
