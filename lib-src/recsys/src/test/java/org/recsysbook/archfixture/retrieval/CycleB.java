package org.recsysbook.archfixture.retrieval;

import org.recsysbook.archfixture.world.CycleA;

/** The other half of a package cycle made on purpose, for ArchitectureTest. */
public final class CycleB {
    private CycleB() { }

    /** Uses the first half. */
    public static String name(CycleA other) {
        return other.toString();
    }
}
