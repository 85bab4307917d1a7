package com.aiaops.web.platform;

import com.aiaops.shared.DomainException;
import com.aiaops.shared.InvalidRequestException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/** ETags carry an entity's version; If-Match sends it back so that an update cannot overwrite a newer one. */
public final class Versions {
    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** 200 with the view and its ETag. */
    public static Response ok(Object view, long version) {
        return Response.ok(view).tag(etag(version)).build();
    }

    /** The version in an If-Match header, or null when there is none. */
    public static Long optional(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            // RFC 9110 §13.1.1: If-Match compares strongly, so a weak tag never matches.
            throw new com.aiaops.shared.StaleVersionException("If-Match compares strongly (RFC 9110): a weak ETag (W/…) never matches; "
                    + "send the ETag as this API returned it, such as \"3\"");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid-if-match", "If-Match must be an ETag this API returned, such as \"3\"");
        }
    }

    /** The version in an If-Match header, which this update requires (428 without it). */
    public static long required(String ifMatch) {
        Long version = optional(ifMatch);
        if (version == null) {
            throw new PreconditionRequired();
        }
        return version;
    }

    /** 428: updates of this resource must say which version they replace. */
    public static class PreconditionRequired extends DomainException {
        PreconditionRequired() {
            super("if-match-required", "Send If-Match with the ETag you read, so that you never overwrite someone else's change");
        }
    }
}
