package com.aiaops.web.platform;

import com.aiaops.shared.ClockProducer;
import com.aiaops.shared.NotFoundException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The test server's adjustable clock: integration tests move time ahead instead of sleeping. On any server
 * not started with {@code -Daia.clock.adjustable=true} this resource answers 404, as if it did not exist.
 */
@Path("test-clock")
@Tag(name = "Platform")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TestClockResource {
    @Inject
    Clock clock;

    public record ClockView(Instant now, Duration offset) {
    }

    public record SetOffsetRequest(@NotNull Duration offset) {
    }

    @GET
    @Public
    @Operation(summary = "The platform's time and its offset from real time (test servers only)")
    public ClockView get() {
        requireAdjustable();
        return new ClockView(clock.instant(), ClockProducer.offset());
    }

    @PUT
    @Public
    @Operation(summary = "Run the platform's clock this far ahead of real time, e.g. {\"offset\":\"PT5M\"} (test servers only)")
    public ClockView set(@Valid @NotNull SetOffsetRequest body) {
        requireAdjustable();
        try {
            ClockProducer.setOffset(body.offset());
        } catch (IllegalArgumentException e) {
            throw com.aiaops.shared.InvalidRequestException.ofField("validation-failed", "offset", e.getMessage());
        }
        return new ClockView(clock.instant(), ClockProducer.offset());
    }

    private static void requireAdjustable() {
        if (!ClockProducer.adjustable()) {
            throw new NotFoundException("resource", "test-clock");
        }
    }
}
