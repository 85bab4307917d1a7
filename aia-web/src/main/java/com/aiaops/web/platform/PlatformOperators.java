package com.aiaops.web.platform;

import com.aiaops.shared.NotFoundException;
import com.aiaops.tenancy.TenancyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform's operators: the organisation named by {@code aia.platform.operator-organization}. What concerns every
 * organisation at once (backups, the platform's own metrics) is theirs; to anyone else it does not exist (404).
 */
@ApplicationScoped
public class PlatformOperators {
    @Inject
    TenancyRepository tenancy;

    @Inject
    CurrentCaller caller;

    @Inject
    @ConfigProperty(name = "aia.platform.operator-organization")
    Optional<String> operatorOrganization;

    /** Refuses, as not found, a caller outside the operators' organisation; {@code what} names the resource. */
    public void require(String what) {
        String slug = tenancy.organization(caller.get().organizationId()).map(o -> o.slug()).orElse("");
        if (operatorOrganization.isEmpty() || !operatorOrganization.get().equals(slug)) {
            throw new NotFoundException("resource", what);
        }
    }
}
