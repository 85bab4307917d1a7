/**
 * Self-observability: MicroProfile Health checks for liveness, readiness (database and cache) and
 * start-up, served by WildFly at :9990/health. WildFly only collects checks from the EAR's shared
 * libraries, so this package is packaged apart, as {@code lib/aia-observability.jar} (see aia-domain's pom),
 * and depends on nothing of the application's modules.
 */
package com.aiaops.observability;
