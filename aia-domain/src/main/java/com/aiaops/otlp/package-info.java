/**
 * OTLP: OpenTelemetry's protocol as a way in for telemetry. Server spans become request observations and HTTP
 * server duration histograms become counted minutes, per service by {@code service.name}; cumulative histograms are
 * turned into deltas with per-series state kept in the database (so restarts and other cluster nodes agree).
 * What is refused is answered as OTLP's partial success, with the count and the reason.
 */
package com.aiaops.otlp;
