package com.aiaops.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the schema is in place and start-up work (such as demo data) is done. */
@Startup
@ApplicationScoped
public class PlatformStarted implements HealthCheck {
    @Inject
    StartupSignal signal;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("platform-started").status(signal.started()).build();
    }
}
