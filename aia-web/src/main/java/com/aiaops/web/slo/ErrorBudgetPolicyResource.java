package com.aiaops.web.slo;

import com.aiaops.shared.Ids;
import com.aiaops.slo.SloService;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A service's error-budget policy: are its releases frozen? */
@Path("services/{id}/error-budget-policy")
@Tag(name = "SLOs")
@Produces(MediaType.APPLICATION_JSON)
public class ErrorBudgetPolicyResource {
    @Inject
    SloService slos;

    @Inject
    CurrentCaller caller;

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "Whether releases are frozen because an SLO of this service has spent its error budget")
    public SloService.BudgetPolicy budgetPolicy(@PathParam("id") String id) {
        return slos.budgetPolicy(caller.get(), Ids.parse(id, "service"));
    }
}
