package com.aiaops.web.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aiaops.shared.Page;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WrittenViewsTest {
    record View(UUID id, String name, long version) {
    }

    @Test
    void a_version_is_written_once_and_a_new_version_again() {
        UUID id = UUID.randomUUID();
        AtomicInteger written = new AtomicInteger();
        String first = WrittenViews.of("view", id, 1, () -> {
            written.incrementAndGet();
            return new View(id, "checkout", 1);
        });
        String again = WrittenViews.of("view", id, 1, () -> {
            written.incrementAndGet();
            return new View(id, "renamed, but not a new version: never asked for", 1);
        });
        String second = WrittenViews.of("view", id, 2, () -> {
            written.incrementAndGet();
            return new View(id, "checkout & payments", 2);
        });
        assertEquals(2, written.get());
        assertEquals(RecordAnswers.write(new View(id, "checkout", 1)), first);
        assertEquals(first, again);
        assertEquals(RecordAnswers.write(new View(id, "checkout & payments", 2)), second);
        // The same id under another kind is another object's view.
        assertEquals("{\"id\":\"" + id + "\",\"name\":\"other\",\"version\":1}",
                WrittenViews.of("other-kind", id, 1, () -> new View(id, "other", 1)));
    }

    @Test
    void past_the_most_kept_texts_are_written_again_and_still_right() {
        UUID kept = UUID.randomUUID();
        WrittenViews.of("view", kept, 7, () -> new View(kept, "kept", 7));
        for (int i = 0; i < WrittenViews.MOST_KEPT + 1; i++) {
            UUID id = new UUID(0, i);
            WrittenViews.of("filler", id, 0, () -> new View(id, "x", 0));
        }
        AtomicInteger written = new AtomicInteger();
        String text = WrittenViews.of("view", kept, 7, () -> {
            written.incrementAndGet();
            return new View(kept, "kept", 7);
        });
        assertEquals(1, written.get());
        assertEquals(RecordAnswers.write(new View(kept, "kept", 7)), text);
    }

    @Test
    void a_page_of_written_items_is_the_page_of_the_records_written() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<View> views = List.of(new View(a, "a \"quoted\" name", 1), new View(b, "b", 3));
        List<String> texts = views.stream().map(v -> WrittenViews.of("page", v.id(), v.version(), () -> v)).toList();
        List<List<String>> items = texts.stream().map(List::of).toList();
        assertEquals(RecordAnswers.write(new Page<>(views, "cursor \"with\" quotes\n")), written(RecordAnswers.writtenPage(items, "cursor \"with\" quotes\n")));
        assertEquals(RecordAnswers.write(new Page<>(views, null)), written(RecordAnswers.writtenPage(items, null)));
        assertEquals(RecordAnswers.write(new Page<>(List.of(), null)), written(RecordAnswers.writtenPage(List.of(), null)));
        // An item written in parts, one of them not ASCII, is the same text as the item written whole.
        View named = new View(a, "Zürich – 東京", 2);
        String whole = WrittenViews.of("page", named.id(), named.version(), () -> named);
        int cut = whole.indexOf("Zü") + 1;
        assertEquals(RecordAnswers.write(new Page<>(List.of(named), null)),
                written(RecordAnswers.writtenPage(List.of(List.of(whole.substring(0, cut), whole.substring(cut))), null)));
    }

    private static String written(jakarta.ws.rs.core.StreamingOutput body) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        body.write(bytes);
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
