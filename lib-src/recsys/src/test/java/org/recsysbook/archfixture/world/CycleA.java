package org.recsysbook.archfixture.world;

import org.recsysbook.archfixture.retrieval.CycleB;

/** One half of a package cycle made on purpose, for ArchitectureTest. */
public final class CycleA {
    private CycleA() { }

    /** Uses the other half. */
    public static String name(CycleB other) {
        return other.toString();
    }
}
