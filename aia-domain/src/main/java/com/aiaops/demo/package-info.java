/**
 * Start-up work and the living demo: loading the demo organisation with 30 days of history (only when
 * {@code aia.demo.enabled} is true; {@code AIA_DEMO=off} for run.sh), its fleet's live traffic every minute, and marking
 * the platform started for the start-up health check.
 */
package com.aiaops.demo;
