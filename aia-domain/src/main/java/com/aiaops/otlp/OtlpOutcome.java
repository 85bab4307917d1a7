package com.aiaops.otlp;

/**
 * What became of an export: items recorded, items refused (OTLP's {@code rejected_spans} or
 * {@code rejected_data_points}) and a message saying why, or what was not used; empty when all was taken.
 */
public record OtlpOutcome(long accepted, long rejected, String message) {
}
