package com.aiaops.web.partitioning;

import com.aiaops.access.Role;
import com.aiaops.partitioning.TimePartitions;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.PlatformOperators;
import com.aiaops.web.platform.TimeParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The time-partitioned tables (PostgreSQL) and their partitions, for the platform operators. */
@Path("partitions")
@Tag(name = "Partitions")
@Produces(MediaType.APPLICATION_JSON)
public class PartitionResource {
    @Inject
    TimePartitions partitions;

    @Inject
    PlatformOperators operators;

    @GET
    @Access(Role.ADMIN)
    @Operation(summary = "The time-partitioned tables and their partitions, each with its period and the database's row "
            + "estimate (platform operators only); partitioned is false on H2, which keeps plain tables")
    public TimePartitions.Layout layout() {
        operators.require("partitions");
        return partitions.layout();
    }

    @POST
    @Path("maintenance")
    @Access(Role.ADMIN)
    @Operation(summary = "Make the partitions the nightly run would make, now: the current and coming periods', and past "
            + "periods' whose rows wait in a default partition (after a restore or a bulk load), moving those rows in; with since "
            + "(an instant), also every period's from then on within the table's look-back (62 days of minutes, three years of "
            + "the others), so a backfill's rows go straight to their partitions")
    public TimePartitions.Maintained maintain(@QueryParam("since") String since) {
        operators.require("partitions");
        return partitions.maintain(TimeParameters.instant("since", since, null));
    }
}
