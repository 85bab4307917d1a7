package com.aiaops.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aiaops.shared.Page;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SloRefsTest {
    private static final UUID ORGANIZATION = UUID.randomUUID();

    private static Slo slo(String name) {
        SloSpec spec = new SloSpec(0.999, TimeWindow.rolling(SloDuration.parse("30d")), BudgetingMethod.OCCURRENCES, null, null, 0,
                BurnRateRule.workbookDefaults());
        return new Slo(ORGANIZATION, UUID.randomUUID(), name, null, Indicator.AVAILABILITY, null, false, false, spec, null, Instant.EPOCH);
    }

    @Test
    void a_kept_page_reads_back_as_the_references_of_its_slos_and_its_cursor() {
        List<Slo> slos = List.of(slo("a"), slo("b|with a bar"), slo("c\nwith a line break"));
        Page<SloRef> page = SloRefs.parsePage(SloRefs.pageText(new Page<>(slos, "c29tZS1jdXJzb3I_-")));
        assertEquals(slos.stream().map(SloRef::of).toList(), page.items());
        assertEquals("c29tZS1jdXJzb3I_-", page.nextCursor());
    }

    @Test
    void the_last_page_and_an_empty_page_have_no_cursor() {
        Page<SloRef> last = SloRefs.parsePage(SloRefs.pageText(new Page<>(List.of(slo("only")), null)));
        assertEquals(1, last.items().size());
        assertEquals(null, last.nextCursor());
        Page<SloRef> empty = SloRefs.parsePage(SloRefs.pageText(new Page<>(List.of(), null)));
        assertEquals(List.of(), empty.items());
        assertEquals(null, empty.nextCursor());
    }
}
