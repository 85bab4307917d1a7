package com.aiaops.security;

/** Trivy's severities, worst first. */
public enum FindingSeverity {
    CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN
}
