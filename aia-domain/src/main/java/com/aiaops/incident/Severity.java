package com.aiaops.incident;

import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How bad an incident is, and how soon it must be acknowledged (the handbooks' response SLAs). */
@Schema(name = "IncidentSeverity")
public enum Severity {
    P0(Duration.ofMinutes(15)), P1(Duration.ofHours(1)), P2(Duration.ofHours(4)), P3(Duration.ofHours(24));

    private final Duration responseSla;

    Severity(Duration responseSla) {
        this.responseSla = responseSla;
    }

    public Duration responseSla() {
        return responseSla;
    }
}
