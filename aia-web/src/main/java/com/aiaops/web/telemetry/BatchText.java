package com.aiaops.web.telemetry;

import com.aiaops.shared.InvalidRequestException;
import com.aiaops.web.platform.JsonText;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The shape the telemetry batches share, read from their text: an object with one list of objects ({@code {"minutes":
 * [...]}}), lists of objects inside an item; a null item is kept for the ingest to name, any other value that is not an
 * object is refused naming its place.
 */
final class BatchText {
    private static final int NAME_SHOWN = 40;

    /** Reads one object of a list, the cursor on its '{'; it is item {@code index} of the list named {@code list}. */
    interface Item<T> {
        T read(JsonText text, String list, int index);
    }

    /** Reads the value of field {@code field} (an index into the names given), the cursor on it; never JSON null. */
    interface Value {
        Object read(int field, JsonText text);
    }

    private BatchText() {
    }

    /**
     * The object at the cursor (on its '{'), item {@code index} of {@code list}: the value of each of {@code names} it
     * holds, by the name's index (null where absent or JSON null; the last where a name repeats). A value {@code value}
     * refuses, or a name not among {@code names}, is refused naming its place ({@code minutes[3].total}).
     */
    static Object[] object(JsonText text, String[] names, String kind, String list, int index, Value value) {
        Object[] values = new Object[names.length];
        text.skip();
        if (text.next() == '}') {
            text.skip();
            return values;
        }
        do {
            int field = text.field(names);
            String unknown = field < 0 ? text.string() : null;
            text.expect(':');
            text.next();
            try {
                if (field < 0) {
                    throw new JsonbException("is not a field of " + kind);
                }
                values[field] = text.isNull() ? null : value.read(field, text);
            } catch (JsonbException refused) {
                throw InvalidRequestException.ofField("validation-failed", field(list, index, field < 0 ? unknown : names[field]), refused.getMessage());
            }
        } while (text.more('}'));
        return values;
    }

    /**
     * The batch a request's body holds (its size bounded by BodySizeLimit): null for no body or JSON null, refused as a
     * missing batch, as the binding does.
     */
    static <T, B> B read(InputStream body, String listName, Item<T> item, Function<List<T>, B> batch) throws IOException {
        byte[] bytes = body.readAllBytes();
        return bytes.length == 0 ? null : read(new String(bytes, StandardCharsets.UTF_8), listName, item, batch);
    }

    /** The batch the text holds: its list made into the batch; null for JSON null (refused as a missing batch). */
    static <T, B> B read(String json, String listName, Item<T> item, Function<List<T>, B> batch) {
        JsonText text = new JsonText(json);
        if (text.next() == 'n') {
            text.literal("null");
            text.end();
            return null;
        }
        text.expect('{');
        List<T> items = null;
        if (text.next() == '}') {
            text.skip();
        } else {
            do {
                String name = text.string();
                text.expect(':');
                if (!name.equals(listName)) {
                    throw InvalidRequestException.ofField("validation-failed", shown(name), "is not a field of a batch");
                }
                text.next();
                items = text.isNull() ? null : list(text, listName, item);
            } while (text.more('}'));
        }
        text.end();
        return batch.apply(items);
    }

    /** A list of objects at the cursor, which must be on its '[' (else refused as a value of {@code place}). */
    static <T> List<T> list(JsonText text, String place, Item<T> item) {
        if (text.next() != '[') {
            throw InvalidRequestException.ofField("validation-failed", place, "must be a JSON array, not " + text.kind());
        }
        text.skip();
        List<T> items = new ArrayList<>(place.indexOf('[') < 0 ? 1024 : 16);
        if (text.next() == ']') {
            text.skip();
            return items;
        }
        do {
            char start = text.next();
            if (start == '{') {
                items.add(item.read(text, place, items.size()));
            } else if (start == 'n') {
                text.literal("null");
                items.add(null); // the ingest names it, with every other bad item
            } else {
                throw InvalidRequestException.ofField("validation-failed", place + "[" + items.size() + "]", "must be an object, not " + text.kind());
            }
        } while (text.more(']'));
        return items;
    }

    /** The field {@code name} of item {@code index} of {@code list}, written for a refusal only. */
    static String field(String list, int index, String name) {
        return list + "[" + index + "]." + shown(name);
    }

    static String shown(String name) {
        return name.length() <= NAME_SHOWN ? name : name.substring(0, NAME_SHOWN) + "…";
    }
}
