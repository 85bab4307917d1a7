package com.aiaops.web.audit;

import com.aiaops.audit.AuditEvent;
import com.aiaops.audit.AuditLog;
import com.aiaops.shared.Page;
import com.aiaops.shared.PageRequest;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organisation's audit trail (ADMIN). */
@Path("audit-events")
@Access(Role.ADMIN)
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {
    @Inject
    AuditLog audit;

    @Inject
    CurrentCaller caller;

    public record AuditEventView(long sequence, Instant occurredAt, String actor, String action, String targetType,
                                 String targetId, String before, String after, boolean redacted, String previousHash,
                                 String hash) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.sequenceNumber(), e.occurredAt(), e.actor(), e.action(), e.targetType(),
                    e.targetId(), e.before(), e.after(), e.redactedAt() != null, e.previousHash(), e.hash());
        }
    }

    @GET
    @Operation(summary = "Audit events, oldest first, in pages (cursor, limit 1-200)")
    public Page<AuditEventView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return audit.list(caller.get(), PageRequest.of(cursor, limit)).map(AuditEventView::of);
    }

    @GET
    @Path("verification")
    @Operation(summary = "Verify the whole hash chain; reports the first broken link")
    public AuditLog.ChainVerification verify() {
        return audit.verify(caller.get());
    }
}
