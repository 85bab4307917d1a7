package com.aiaops.shared;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRequestTest {
    @Test
    void a_full_page_hands_out_a_cursor_to_the_next_one() {
        PageRequest first = PageRequest.of(null, "2");
        Page<String> page = first.toPage(List.of("a", "b", "c"), s -> s);
        assertEquals(List.of("a", "b"), page.items());
        assertEquals("b", PageRequest.of(page.nextCursor(), "2").afterKey());
    }

    @Test
    void the_last_page_has_no_cursor() {
        assertNull(PageRequest.of(null, null).toPage(List.of("a"), s -> s).nextCursor());
        assertEquals(PageRequest.DEFAULT_LIMIT, PageRequest.of(null, " ").limit());
    }

    @Test
    void limits_outside_1_to_200_and_garbage_cursors_are_refused() {
        assertThrows(InvalidRequestException.class, () -> PageRequest.of(null, "0"));
        assertThrows(InvalidRequestException.class, () -> PageRequest.of(null, "201"));
        assertThrows(InvalidRequestException.class, () -> PageRequest.of(null, "ten"));
        assertThrows(InvalidRequestException.class, () -> PageRequest.of("%%%", "10"));
        // Valid base64 that this API did not write, and a real cursor edited by hand.
        assertThrows(InvalidRequestException.class, () -> PageRequest.of("garbage", "10"));
        String real = PageRequest.of(null, "1").toPage(List.of("alpha", "beta"), s -> s).nextCursor();
        assertEquals("alpha", PageRequest.of(real, "1").afterKey());
        String edited = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(real), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("alpha", "alphb").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThrows(InvalidRequestException.class, () -> PageRequest.of(edited, "10"));
    }
}
