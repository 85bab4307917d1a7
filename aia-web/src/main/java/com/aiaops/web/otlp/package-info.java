/**
 * OTLP/HTTP receiver ({@code /api/v1/otlp/v1/traces}, {@code /api/v1/otlp/v1/metrics}): protobuf and JSON, gzip,
 * an INGEST key as the bearer token; and the organisation's OTLP settings.
 */
package com.aiaops.web.otlp;
