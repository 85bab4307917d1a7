package com.aiaops.shared;

import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdsTest {
    @Test
    void new_ids_are_version_7_and_ordered_by_time() {
        UUID first = Ids.newId();
        long firstMillis = first.getMostSignificantBits() >>> 16; // version 7: the first 48 bits are the Unix time in ms
        while (System.currentTimeMillis() <= firstMillis) {
            Thread.onSpinWait(); // until the next millisecond, so the second id's time part is later
        }
        UUID second = Ids.newId();
        assertEquals(7, first.version());
        assertEquals(2, first.variant());
        assertTrue(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits()) < 0);
    }

    @Test
    void client_ids_that_are_not_uuids_are_invalid_requests() {
        assertThrows(InvalidRequestException.class, () -> Ids.parse("42", "service"));
        assertThrows(InvalidRequestException.class, () -> Ids.parse("' OR 1=1 --", "service"));
        UUID id = UUID.randomUUID();
        assertEquals(id, Ids.parse(id.toString(), "service"));
    }
}
