/**
 * Incidents: severity P0–P3 with response SLAs, a validated life cycle (triggered, acknowledged, mitigated,
 * resolved, postmortem, closed) with its timestamps, an ordered timeline, roles (commander, scribe, liaison),
 * affected services, and MTTA / MTTR / MTBF over a window.
 */
package com.aiaops.incident;
