package com.aiaops.web.tenancy;

import com.aiaops.shared.AccessDeniedException;
import com.aiaops.tenancy.Member;
import com.aiaops.tenancy.OrganizationService;
import com.aiaops.web.platform.Public;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Self-service sign-up: a new organisation and its first ADMIN, signed in. Can be switched off (aia.signup.enabled). */
@Path("signups")
@Tag(name = "Tenancy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SignupResource {
    @Inject
    OrganizationService organizations;

    @Inject
    SessionResource sessions;

    @Inject
    @ConfigProperty(name = "aia.signup.enabled", defaultValue = "true")
    boolean signupEnabled;

    @Context
    HttpServletRequest request;

    public record SignupRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lowercase letters, digits and dashes, 2 to 63")
            String organizationSlug,
            @NotBlank @Size(max = 200) String organizationName,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password) {
    }

    @POST
    @Public
    @Operation(summary = "Create an organisation with its first ADMIN, and sign in as them")
    public Response signUp(@Valid @NotNull SignupRequest body) {
        if (!signupEnabled) {
            throw new AccessDeniedException("Self-service sign-up is switched off on this installation");
        }
        Member admin = organizations.signUp(body.organizationSlug(), body.organizationName(), body.email(),
                body.displayName(), body.password());
        TenancyViews.SessionView session = sessions.start(request, admin.account().id(), admin.organizationId());
        return Response.created(URI.create("organizations/" + admin.organizationId())).entity(session).build();
    }
}
