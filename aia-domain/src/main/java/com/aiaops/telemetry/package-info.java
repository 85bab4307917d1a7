/**
 * Telemetry: batches of request observations, ingested idempotently and durably into per-service
 * roll-ups by minute, hour and day (exact total and good counts, exact counts under each latency
 * threshold an SLO uses, and a DDSketch for percentiles), and the queries over them.
 */
package com.aiaops.telemetry;
