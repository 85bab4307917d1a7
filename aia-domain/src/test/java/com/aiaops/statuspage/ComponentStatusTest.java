package com.aiaops.statuspage;

import java.util.List;
import org.junit.jupiter.api.Test;

import static com.aiaops.statuspage.ComponentStatus.DEGRADED_PERFORMANCE;
import static com.aiaops.statuspage.ComponentStatus.MAJOR_OUTAGE;
import static com.aiaops.statuspage.ComponentStatus.OPERATIONAL;
import static com.aiaops.statuspage.ComponentStatus.PARTIAL_OUTAGE;
import static com.aiaops.statuspage.ComponentStatus.UNDER_MAINTENANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ComponentStatusTest {
    @Test
    void aQuarterOfComponentsInMajorOutageIsAMajorOutageOfTheWhole() {
        assertEquals(MAJOR_OUTAGE, ComponentStatus.overall(List.of(MAJOR_OUTAGE, OPERATIONAL, OPERATIONAL, OPERATIONAL)));
        assertEquals(PARTIAL_OUTAGE, ComponentStatus.overall(List.of(MAJOR_OUTAGE, OPERATIONAL, OPERATIONAL, OPERATIONAL, OPERATIONAL)));
        assertEquals(MAJOR_OUTAGE, ComponentStatus.overall(List.of(MAJOR_OUTAGE)));
    }

    @Test
    void otherwiseTheWorstProblemShowsAndMaintenanceOnlyWhenNothingIsWrong() {
        assertEquals(PARTIAL_OUTAGE, ComponentStatus.overall(List.of(DEGRADED_PERFORMANCE, PARTIAL_OUTAGE, OPERATIONAL)));
        assertEquals(DEGRADED_PERFORMANCE, ComponentStatus.overall(List.of(UNDER_MAINTENANCE, DEGRADED_PERFORMANCE)));
        assertEquals(UNDER_MAINTENANCE, ComponentStatus.overall(List.of(UNDER_MAINTENANCE, OPERATIONAL)));
        assertEquals(OPERATIONAL, ComponentStatus.overall(List.of(OPERATIONAL, OPERATIONAL)));
        assertEquals(OPERATIONAL, ComponentStatus.overall(List.of()));
    }
}
