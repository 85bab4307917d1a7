package com.aiaops.web.platform;

import com.aiaops.shared.JsonValues;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Every JSON answer that is a record (a page, a view, a problem) or a map of them is written by the API's JSON-B through
 * {@link RecordWriter}. JSON-P values keep their own writer.
 */
@Provider
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class RecordAnswers implements MessageBodyWriter<Object> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Record.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) && !JsonValue.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Object answer, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream body) throws IOException {
        String charset = mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        String json = answer instanceof KeptAnswers.WrittenMap<?> kept ? kept.json() : write(answer);
        body.write(json.getBytes(charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
    }

    /** The JSON text of an answer: a record or a map. */
    public static String write(Object answer) {
        return JsonbConfigurator.JSONB.toJson(new RecordWriter.Root(answer));
    }

    /**
     * The JSON body of a {@link com.aiaops.shared.Page} whose items are already JSON texts (each item the texts of its
     * parts, joined as they are), exactly as the page of the items' records would be written (items first, no nextCursor
     * on the last page). Written straight to the body as UTF-8, part by part: a page of 50 SLOs with their statuses is
     * about 100 KB, and joining it into one text, then encoding that, copied it three more times (profiled: a quarter of
     * the answer's work).
     */
    public static StreamingOutput writtenPage(List<List<String>> items, String nextCursor) {
        return body -> {
            body.write(PAGE_START);
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    body.write(',');
                }
                for (String part : items.get(i)) {
                    body.write(part.getBytes(StandardCharsets.UTF_8));
                }
            }
            body.write(']');
            if (nextCursor != null) {
                body.write((",\"nextCursor\":" + JsonValues.PROVIDER.createValue(nextCursor)).getBytes(StandardCharsets.UTF_8));
            }
            body.write('}');
        };
    }

    private static final byte[] PAGE_START = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
}
