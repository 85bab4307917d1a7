package com.aiaops.web.demo;

import com.aiaops.demo.DemoData;
import com.aiaops.demo.DemoFleet;
import com.aiaops.web.platform.Public;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The demo on a test server: an integration test loads a demo organisation of its own (the story {@code run.sh}'s
 * "acme" gets) and moves its fleet on after moving the clock. Like /test-clock, it does not exist elsewhere: the
 * {@link com.aiaops.web.platform.TestClockGate} answers 404 before this class is reached. It is left out of the OpenAPI
 * document: it is a test fixture, not part of the API.
 */
@Path("test-demo")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TestDemoResource {
    @Inject
    DemoData demo;

    @Inject
    DemoFleet fleet;

    public record LoadRequest(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,40}") String slug) {
    }

    @POST
    @Public
    @Operation(hidden = true)
    public DemoData.Credentials load(@Valid @NotNull LoadRequest body) {
        return demo.load(body.slug(), "Demo " + body.slug(), body.slug() + ".example");
    }

    @POST
    @Path("{slug}/fleet")
    @Public
    @Operation(hidden = true)
    public Map<String, Integer> sendFleet(@PathParam("slug") String slug) {
        return Map.of("minutes", fleet.send(slug));
    }
}
