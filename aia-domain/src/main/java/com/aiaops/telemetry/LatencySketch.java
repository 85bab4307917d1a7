package com.aiaops.telemetry;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Latency distribution as a DDSketch with 1 % relative accuracy: merging minute sketches into hours
 * and days keeps that guarantee, so any window's percentiles are within 1 % of the true value.
 */
public final class LatencySketch {
    static final double RELATIVE_ACCURACY = 0.01;
    private final DDSketch sketch;

    private LatencySketch(DDSketch sketch) {
        this.sketch = sketch;
    }

    public static LatencySketch empty() {
        return new LatencySketch(DDSketches.unboundedDense(RELATIVE_ACCURACY));
    }

    /**
     * For a batch's pre-counted share of one bucket: a few distinct values with counts. A sparse store holds only
     * those bins, where a dense one allocates the whole range between them for every bucket; the encoding is the
     * same and {@link #fromBytes} reads it into a dense sketch.
     */
    static LatencySketch sparse() {
        return new LatencySketch(DDSketches.sparse(RELATIVE_ACCURACY));
    }

    public static LatencySketch fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        try {
            return new LatencySketch(DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored latency sketch cannot be read", e);
        }
    }

    public void record(double latencyMillis) {
        sketch.accept(latencyMillis);
    }

    public void record(double latencyMillis, long count) {
        sketch.accept(latencyMillis, count);
    }

    public void merge(LatencySketch other) {
        sketch.mergeWith(other.sketch);
    }

    public long count() {
        return Math.round(sketch.getCount());
    }

    /** The value at quantile q in [0, 1], or null when empty. */
    public Double quantile(double q) {
        return sketch.isEmpty() ? null : sketch.getValueAtQuantile(q);
    }

    /** DDSketch's own compact encoding (index mapping included), which {@link #fromBytes} reads back. */
    public byte[] toBytes() {
        GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(output, false);
        } catch (IOException e) {
            throw new UncheckedIOException("a latency sketch cannot be encoded", e);
        }
        return output.trimmedCopy();
    }
}
