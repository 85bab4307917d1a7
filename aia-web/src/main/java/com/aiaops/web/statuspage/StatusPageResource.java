package com.aiaops.web.statuspage;

import com.aiaops.statuspage.StatusPage;
import com.aiaops.statuspage.StatusPageService;
import com.aiaops.web.platform.Public;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public status page as JSON (the same page as HTML is at /status/{organization}). */
@Path("status-pages")
@Tag(name = "Status page")
@Produces(MediaType.APPLICATION_JSON)
public class StatusPageResource {
    @Inject
    StatusPageService statusPage;

    @GET
    @Path("{organization}")
    @Public
    @Operation(summary = "Public, no credentials: components and their status, the overall status, active incidents with their "
            + "public updates, active and upcoming maintenance, 90 days of daily uptime; at most 15 s old")
    public Response page(@PathParam("organization") String organization) {
        StatusPage page = statusPage.publicPage(organization);
        CacheControl cache = new CacheControl();
        cache.setMaxAge(15);
        return Response.ok(page).cacheControl(cache).build();
    }
}
