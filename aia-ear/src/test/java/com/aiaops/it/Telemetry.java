package com.aiaops.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds observation batches for the tests. */
final class Telemetry {
    private Telemetry() {
    }

    static Map<String, Object> observation(String service, Instant at, int status, double latencyMs) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("service", service);
        o.put("timestamp", at.toString());
        o.put("status", status);
        o.put("latencyMs", latencyMs);
        return o;
    }

    /** {@code count} observations spread over [from, from + minutes), the first {@code bad} of them failing with 503. */
    static List<Map<String, Object>> spread(String service, Instant from, int minutes, int count, int bad, double latencyMs) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = from.plusSeconds((long) i * minutes * 60 / count);
            batch.add(observation(service, at, i < bad ? 503 : 200, latencyMs));
        }
        return batch;
    }

    static Map<String, Object> batch(List<Map<String, Object>> observations) {
        return Map.of("observations", observations);
    }
}
