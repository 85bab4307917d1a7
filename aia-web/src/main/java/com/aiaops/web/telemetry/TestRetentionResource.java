package com.aiaops.web.telemetry;

import com.aiaops.telemetry.MinuteRetention;
import com.aiaops.web.platform.Public;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The hourly minute retention on a test server, run now: an integration test moves the clock past the retention and
 * sees what it deletes and keeps. Like /test-clock it does not exist elsewhere ({@link com.aiaops.web.platform.TestClockGate}
 * answers 404 first), and it is left out of the OpenAPI document: a test fixture, not part of the API.
 */
@Path("test-retention")
@Produces(MediaType.APPLICATION_JSON)
public class TestRetentionResource {
    @Inject
    MinuteRetention retention;

    @POST
    @Path("minutes")
    @Public
    @Operation(hidden = true)
    public MinuteRetention.Purged runMinuteRetention() {
        return retention.purge();
    }
}
