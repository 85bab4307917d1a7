package com.aiaops.alerting;

/** What a rule watches. */
public enum AlertKind {
    /** A latency percentile of a service over the trailing window, above a bound in milliseconds. */
    LATENCY,
    /** The share of failed requests of a service over the trailing window, above a ratio. */
    ERROR_RATE,
    /** A synthetic check that is down. */
    CHECK_DOWN,
    /** An SLO whose multi-window burn-rate alert fires. */
    BURN_RATE,
    /** Sent by another tool through an integration (Alertmanager, Grafana, PagerDuty's Events API): no rule here. */
    EXTERNAL
}
