package com.aiaops.web.platform;

import com.aiaops.shared.ClockProducer;
import com.aiaops.shared.NotFoundException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Off a test server the test fixtures (the adjustable clock, the demo loader, the retention run) do not exist: every
 * method on /test-clock, /test-demo and /test-retention is a 404, before a body is read or a method matched (so not a 400 for a bad body, nor a 405 for
 * another method).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class TestClockGate implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (ClockProducer.adjustable()) {
            return;
        }
        for (String fixture : new String[] {"test-clock", "test-demo", "test-retention"}) {
            if (trimmed.equals(fixture) || trimmed.startsWith(fixture + "/")) {
                throw new NotFoundException("resource", fixture);
            }
        }
    }
}
