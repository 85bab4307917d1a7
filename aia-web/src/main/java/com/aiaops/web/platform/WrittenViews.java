package com.aiaops.web.platform;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The JSON text of views of versioned objects (an entity with a JPA {@code @Version}), kept by kind, id and version.
 * Every committed change of an object gives it a new version, so the text kept for a version is never stale, on any
 * node: a page of such views is written from the texts instead of writing every view again (a page of SLOs spent a fifth
 * of its time writing them, profiled). Only read paths use it: there the version read is the committed one the view
 * was made from.
 */
public final class WrittenViews {
    /** Far more than any page or organisation needs at once; past it the texts are dropped and written again. */
    static final int MOST_KEPT = 50_000;
    private static final ConcurrentHashMap<String, String> TEXTS = new ConcurrentHashMap<>();

    private WrittenViews() {
    }

    /** The text of the view of this version of the object, written by {@link RecordAnswers#write} when not kept. */
    public static String of(String kind, UUID id, long version, Supplier<? extends Record> view) {
        String text = find(kind, id, version);
        return text != null ? text : keep(kind, id, version, view.get());
    }

    /** The kept text of the view of this version of the object, or null. */
    public static String find(String kind, UUID id, long version) {
        return TEXTS.get(key(kind, id, version));
    }

    /** Writes the view of this version of the object, keeps its text and returns it. */
    public static String keep(String kind, UUID id, long version, Record view) {
        String text = RecordAnswers.write(view);
        if (TEXTS.size() >= MOST_KEPT) {
            TEXTS.clear(); // superseded versions and deleted objects go this way
        }
        TEXTS.put(key(kind, id, version), text);
        return text;
    }

    private static String key(String kind, UUID id, long version) {
        return kind + '|' + id + '|' + version;
    }
}
