package com.aiaops.shared;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static factories look it up again at every call (a
 * service-loader scan of the module's jars and a class lookup that fails by exception): profiled, that was 17 % of the
 * server's work answering a page of SLO statuses, for the one string it wrote.
 */
public final class JsonValues {
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonValues() {
    }
}
