package com.aiaops.shared;

/**
 * The request is valid but this node takes no more of its kind just now (HTTP 503 with Retry-After): it was not
 * applied, and the same request sent again after {@link #retryAfterSeconds()} is served as if it were the first.
 */
public class BusyException extends DomainException {
    private final int retryAfterSeconds;

    public BusyException(String code, String message, int retryAfterSeconds) {
        super(code, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
