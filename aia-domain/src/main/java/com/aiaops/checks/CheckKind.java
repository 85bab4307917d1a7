package com.aiaops.checks;

/** What a check looks at. */
public enum CheckKind {
    /** An HTTP(S) GET answered with the expected status and, if asked, a keyword or a JSON value in the body. */
    HTTP,
    /** A TCP connection accepted at {@code tcp://host:port}. */
    TCP,
    /** The TLS certificate at {@code https://host[:port]}: valid (unless told not to verify) and not expiring within the days set. */
    TLS,
    /** Push: a job calls the check's secret address; no beat within the interval plus the grace is down. */
    HEARTBEAT
}
