package com.aiaops.web.platform;

import com.aiaops.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeptAnswersTest {
    record Item(String name, Instant at) {
    }

    @Test
    void a_kept_answer_holds_up_to_its_instant_to_the_nanosecond_and_is_sent_as_written() {
        Object answer = Map.of("items", List.of(new Item("a\nb c", Instant.parse("2026-12-06T10:00:00.123456789Z"))));
        for (Instant until : List.of(Instant.parse("2026-12-06T10:15:00.000000001Z"), Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.MIN, Instant.MAX, Instant.EPOCH)) {
            String kept = new KeptAnswers.TrueUntil<>(answer, until).asText();
            assertEquals(RecordAnswers.write(answer), KeptAnswers.TrueUntil.json(kept), "the JSON, line breaks in it and all");
            assertTrue(KeptAnswers.TrueUntil.holdsAt(kept, until), until + " holds at itself");
            if (!until.equals(Instant.MIN)) {
                assertTrue(KeptAnswers.TrueUntil.holdsAt(kept, until.minusNanos(1)));
            }
            if (!until.equals(Instant.MAX)) {
                assertFalse(KeptAnswers.TrueUntil.holdsAt(kept, until.plusNanos(1)), until + " no longer one nanosecond later");
            }
        }
    }

    @Test
    void one_kept_view_keeps_its_version_and_holds_up_to_its_instant() {
        Item view = new Item("one \"view\"\n", Instant.parse("2026-03-29T01:00:00Z"));
        Instant due = Instant.parse("2026-03-29T01:15:00.000000001Z");
        for (Long version : java.util.Arrays.asList(null, 0L, 7L, Long.MAX_VALUE)) {
            String kept = new KeptAnswers.One(view, version, due).asText();
            assertEquals(RecordAnswers.write(view), KeptAnswers.TrueUntil.json(kept));
            assertEquals(version, KeptAnswers.One.version(kept));
            assertTrue(KeptAnswers.TrueUntil.holdsAt(kept, due));
            assertFalse(KeptAnswers.TrueUntil.holdsAt(kept, due.plusNanos(1)), "past its instant, read again");
        }
        String timeless = KeptAnswers.One.versioned(view, 3).asText();
        assertEquals(3L, KeptAnswers.One.version(timeless));
        assertTrue(KeptAnswers.TrueUntil.holdsAt(timeless, Instant.MAX));
        assertEquals(null, KeptAnswers.One.version(KeptAnswers.One.of(view).asText()));
    }

    @Test
    void every_part_of_a_page_request_is_in_its_question() {
        String first = KeptAnswers.pageQuestion("services", new PageRequest(null, 50, false));
        assertNotEquals(first, KeptAnswers.pageQuestion("services", new PageRequest(null, 51, false)));
        assertNotEquals(first, KeptAnswers.pageQuestion("services", new PageRequest(null, 50, true)));
        assertNotEquals(first, KeptAnswers.pageQuestion("deployments", new PageRequest(null, 50, false)));
        // A key that looks like the words around it cannot pass for the first page.
        assertNotEquals(first, KeptAnswers.pageQuestion("services", new PageRequest("first", 50, false)));
        assertNotEquals(KeptAnswers.pageQuestion("services", new PageRequest("a", 50, false)),
                KeptAnswers.pageQuestion("services", new PageRequest("b", 50, false)));
    }

    @Test
    void a_written_map_is_sent_as_its_kept_text_and_read_as_a_map_only_when_asked_once() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, List<Item>> answer = Map.of("items", List.of(new Item("ü \"quoted\"", Instant.EPOCH)));
        KeptAnswers.WrittenMap<List<Item>> written = new KeptAnswers.WrittenMap<>(RecordAnswers.write(answer), () -> {
            reads.incrementAndGet();
            return answer;
        });
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        new RecordAnswers().writeTo(written, Map.class, Map.class, new java.lang.annotation.Annotation[0],
                jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE, null, body);
        assertEquals(RecordAnswers.write(answer), body.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, reads.get(), "sending it read nothing");
        assertEquals(answer, written);
        assertEquals(answer.get("items"), written.get("items"));
        assertEquals(1, reads.get());
    }
}
