package com.aiaops.telemetry;

import com.aiaops.shared.ConflictException;

/**
 * A stored roll-up that cannot be true (negative counts, more good than total, more than a bucket can hold), left by
 * a bug or by hand. The read that meets it says where it is and how to repair it instead of failing obscurely; reads
 * of other services go on.
 */
public class TelemetryInconsistentException extends ConflictException {
    TelemetryInconsistentException(RollupKey key, String what) {
        super("telemetry-inconsistent", "The stored telemetry of service " + key.serviceId() + " is inconsistent in its "
                + key.resolution().name().toLowerCase(java.util.Locale.ROOT) + " bucket at " + key.bucketStart() + " (" + what
                + "). An ADMIN can drop that day with DELETE /api/v1/services/" + key.serviceId() + "/telemetry?from=…&to=…");
    }
}
