package com.aiaops.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleTest {
    @Test
    void admin_includes_operator_which_includes_viewer() {
        assertTrue(Role.ADMIN.grants(Role.OPERATOR));
        assertTrue(Role.ADMIN.grants(Role.VIEWER));
        assertTrue(Role.OPERATOR.grants(Role.VIEWER));
        assertFalse(Role.VIEWER.grants(Role.OPERATOR));
        assertFalse(Role.OPERATOR.grants(Role.ADMIN));
    }

    @Test
    void ingest_is_a_separate_scope() {
        assertTrue(Role.INGEST.grants(Role.INGEST));
        assertFalse(Role.INGEST.grants(Role.VIEWER));
        assertFalse(Role.ADMIN.grants(Role.INGEST));
    }
}
