package org.recsysbook.retrieval;

/** Picks the dot-product kernel once, loading the Vector API one only when its module is present. */
final class DotKernels {
    static final DotKernel BEST = load();

    private DotKernels() {
    }

    private static DotKernel load() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarDotKernel.INSTANCE;
        }
        try {
            return (DotKernel) Class.forName("org.recsysbook.retrieval.VectorApiDotKernel")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return ScalarDotKernel.INSTANCE;
        }
    }
}
