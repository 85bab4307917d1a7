package com.aiaops.web.otlp;

import com.aiaops.access.Role;
import com.aiaops.otlp.FailureRule;
import com.aiaops.otlp.OtlpSettings;
import com.aiaops.otlp.OtlpSettingsService;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.CurrentCaller;
import com.aiaops.web.platform.Versions;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How the organisation's OTLP data is read. Changes need If-Match with the ETag last read ("0" before any change). */
@Path("otlp/settings")
@Tag(name = "OTLP")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OtlpSettingsResource {
    @Inject
    OtlpSettingsService settings;

    @Inject
    CurrentCaller caller;

    public record OtlpSettingsView(boolean consumerSpans, boolean autoRegisterServices, FailureRule failureRule,
                                   Map<String, FailureRule> serviceFailureRules) {
    }

    public record OtlpSettingsRequest(boolean consumerSpans, boolean autoRegisterServices, @NotNull FailureRule failureRule,
                                      @Size(max = 1000) Map<@NotNull @Size(min = 2, max = 63) String, @NotNull FailureRule> serviceFailureRules) {
    }

    @GET
    @Access(Role.VIEWER)
    @Operation(summary = "The OTLP settings, with their ETag")
    public Response get() {
        OtlpSettings current = settings.settings(caller.get().organizationId());
        return Versions.ok(view(current), current.revision());
    }

    @PUT
    @Access(Role.ADMIN)
    @Operation(summary = "Replace the OTLP settings: CONSUMER spans as requests, auto-registration of unknown service.name, "
            + "the failure rule and its exceptions per service slug; If-Match is required")
    public Response put(@HeaderParam("If-Match") String ifMatch, @Valid @NotNull OtlpSettingsRequest body) {
        OtlpSettings changed = settings.change(caller.get(), Versions.required(ifMatch), body.consumerSpans(),
                body.autoRegisterServices(), body.failureRule(), body.serviceFailureRules() == null ? Map.of() : body.serviceFailureRules());
        return Versions.ok(view(changed), changed.revision());
    }

    private OtlpSettingsView view(OtlpSettings s) {
        return new OtlpSettingsView(s.consumerSpans(), s.autoRegister(), s.failureRule(), settings.serviceRulesBySlug(s));
    }
}
