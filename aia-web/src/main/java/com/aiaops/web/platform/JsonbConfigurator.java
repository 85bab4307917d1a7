package com.aiaops.web.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B as the API wants it: an unknown field is an error (a typo must not be silently ignored), and values are read
 * strictly ({@link StrictJson}): no string for a number, no fraction for an integer, nothing out of range. Answers made of
 * records are written by {@link RecordWriter}.
 */
@Provider
public class JsonbConfigurator implements ContextResolver<Jsonb> {
    private static final RecordWriter RECORDS = new RecordWriter();
    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true)
            .withDeserializers(StrictJson.deserializers())
            .withSerializers(RECORDS, new RecordWriter.RootWriter(RECORDS)));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
