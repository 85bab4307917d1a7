package com.aiaops.access;

import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/** Tells Hibernate which organisation a new session serves ({@link OrganizationScope}); named in persistence.xml. */
public class OrganizationScopeResolver implements CurrentTenantIdentifierResolver<UUID> {
    @Override
    public UUID resolveCurrentTenantIdentifier() {
        return OrganizationScope.current();
    }

    @Override
    public boolean isRoot(UUID organizationId) {
        return OrganizationScope.EVERY_ORGANIZATION.equals(organizationId);
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return false;
    }
}
