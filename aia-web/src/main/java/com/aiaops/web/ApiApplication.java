package com.aiaops.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The JSON API. Its OpenAPI document is served at {@code /openapi}. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
        info = @Info(title = "AIA Ops API", version = "1",
                description = "Operational excellence, measured: tenancy, service catalog, SLOs, incidents, delivery, cost. "
                        + "Errors are application/problem+json (RFC 9457)."),
        security = {@SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "session")})
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key: Authorization: Bearer aia_<prefix>_<secret>")
@SecurityScheme(securitySchemeName = "session", type = SecuritySchemeType.APIKEY,
        apiKeyName = "JSESSIONID", in = org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn.COOKIE,
        description = "A browser session from POST /api/v1/sessions; unsafe methods also need X-Requested-With")
public class ApiApplication extends Application {
}
