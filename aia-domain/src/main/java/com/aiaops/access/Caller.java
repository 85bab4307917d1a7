package com.aiaops.access;

import java.util.UUID;

/**
 * Who is acting, for which organisation, with which role: a member signed in with a password, or
 * an API key. Every service method takes one, and every query is scoped to {@link #organizationId()}. The role an
 * operation needs is declared once, on its resource method ({@code @Access}), and checked there by the
 * authentication filter before anything runs; services do not check it again (only rules that depend on the data,
 * such as overriding a deployment freeze, look at the role).
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
}
