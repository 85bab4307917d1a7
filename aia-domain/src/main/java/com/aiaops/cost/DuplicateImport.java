package com.aiaops.cost;

/** The same file was imported before: everything this attempt wrote is rolled back, and the earlier import stands. */
public class DuplicateImport extends RuntimeException {
    private final transient CostImport earlier;

    DuplicateImport(CostImport earlier) {
        super("This file was imported before, as " + earlier.id(), null, false, false);
        this.earlier = earlier;
    }

    public CostImport earlier() {
        return earlier;
    }
}
