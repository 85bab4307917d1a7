package com.aiaops.web.platform;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is stable per kind of problem; clients switch on it,
 * people read {@code title} and {@code detail}.
 */
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    /** URNs: stable names that clients compare, not pages to fetch. */
    private static final String TYPE_BASE = "urn:aia-ops:problem:";

    public static Problem of(String code, String title, int status, String detail, String instance, String requestId,
                             List<FieldError> errors) {
        return new Problem(TYPE_BASE + code, title, status, detail, instance, requestId,
                errors == null || errors.isEmpty() ? null : errors);
    }

    public record FieldError(String field, String message) {
    }
}
