package com.aiaops.telemetry;

import java.time.Instant;
import java.util.UUID;

/** The acknowledgement of a batch: sent only once the batch is committed. {@code duplicate}: a retry, counted once. */
public record IngestReceipt(UUID batchId, int accepted, boolean duplicate, Instant receivedAt) {
}
