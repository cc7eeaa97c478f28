package org.recsysbook.archfixture.core;

import org.recsysbook.studies.AnnTradeoff;

/** A class that breaks the layers on purpose (a "core" class using a study), for ArchitectureTest. */
public final class ReachesUp {
    private ReachesUp() { }

    /** Uses a study from the bottom layer. */
    public static int k(AnnTradeoff t) {
        return t.k();
    }
}
