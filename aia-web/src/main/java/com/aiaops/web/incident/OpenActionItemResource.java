package com.aiaops.web.incident;

import com.aiaops.incident.PostmortemService;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organisation's unfinished postmortem action items, across incidents. */
@Path("action-items")
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
public class OpenActionItemResource {
    @Inject
    PostmortemService postmortems;

    @Inject
    CurrentCaller caller;

    @Inject
    Clock clock;

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Unfinished action items, soonest due first; overdue=true for those past their due date")
    public Map<String, List<PostmortemResource.ActionItemView>> open(@QueryParam("overdue") boolean overdueOnly) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return Map.of("items", postmortems.openActionItems(caller.get(), overdueOnly).stream()
                .map(a -> PostmortemResource.ActionItemView.of(a, today)).toList());
    }
}
