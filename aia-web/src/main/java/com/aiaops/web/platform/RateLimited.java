package com.aiaops.web.platform;

import com.aiaops.shared.DomainException;
import com.aiaops.tenancy.RateLimiter;

/** Over the caller's rate limit: 429 with Retry-After. */
public class RateLimited extends DomainException {
    private final transient RateLimiter.Decision decision;

    public RateLimited(RateLimiter.Decision decision) {
        super("rate-limited", "Rate limit of " + decision.limit() + " requests per minute reached; retry in "
                + decision.retryAfterSeconds() + " s");
        this.decision = decision;
    }

    public RateLimiter.Decision decision() {
        return decision;
    }
}
