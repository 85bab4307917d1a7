package com.aiaops.access;

import java.util.UUID;

/**
 * Who is acting, for which organisation, with which role: a member signed in with a password, or
 * an API key. Every service method takes one, and every query is scoped to {@link #organizationId()}.
 */
public record Caller(UUID organizationId, Role role, ActorKind kind, UUID actorId) {
    public enum ActorKind { MEMBER, API_KEY, SYSTEM }

    public static Caller system(UUID organizationId) {
        return new Caller(organizationId, Role.ADMIN, ActorKind.SYSTEM, null);
    }

    /** The actor as recorded in the audit trail: a pseudonymous reference, never personal data. */
    public String auditActor() {
        return switch (kind) {
            case MEMBER -> "member:" + actorId;
            case API_KEY -> "api-key:" + actorId;
            case SYSTEM -> "system";
        };
    }

    public void require(Role required) {
        if (!role.grants(required)) {
            throw new com.aiaops.shared.AccessDeniedException("This action needs the " + required + " role; the caller has " + role);
        }
    }
}
