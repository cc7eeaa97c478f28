package org.recsysbook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import org.junit.jupiter.api.Test;
import org.recsysbook.archfixture.core.ReachesUp;
import org.recsysbook.archfixture.world.CycleA;

/**
 * The library's package structure, as WORKBOOK.md draws it: no cycles between packages; the layers, bottom to top,
 * {@code core} and {@code notebook} (floors that import nothing of ours), {@code world} and {@code data}, the stages
 * in funnel order ({@code retrieval}, {@code ranking}, {@code rerank}), {@code pipeline}, then {@code metrics},
 * {@code abtest} and {@code bandit}, {@code serving}, {@code experiment} (the event store and the experiment loop on
 * the live service), {@code studies}, and {@code exercises} on top; and nothing in
 * the library imports the kernel. Layers that do not exist yet ({@code data}, {@code serving}) are declared, so the
 * packages that add them land in their place.
 */
@AnalyzeClasses(packages = "org.recsysbook", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] ABOVE_PIPELINE = {"Metrics", "A/B testing", "Bandits", "Serving", "Experiment",
        "Studies", "Exercises"};

    /** The layers and who may use each; a layer may use the ones below it, never one above. */
    static LayeredArchitecture layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("Core").definedBy("org.recsysbook.core..")
                .layer("Notebook").definedBy("org.recsysbook.notebook..")
                .layer("World").definedBy("org.recsysbook.world..")
                .layer("Data").definedBy("org.recsysbook.data..")
                .layer("Retrieval").definedBy("org.recsysbook.retrieval..")
                .layer("Ranking").definedBy("org.recsysbook.ranking..")
                .layer("Re-ranking").definedBy("org.recsysbook.rerank..")
                .layer("Pipeline").definedBy("org.recsysbook.pipeline..")
                .layer("Metrics").definedBy("org.recsysbook.metrics..")
                .layer("A/B testing").definedBy("org.recsysbook.abtest..")
                .layer("Bandits").definedBy("org.recsysbook.bandit..")
                .layer("Serving").definedBy("org.recsysbook.serving..")
                .layer("Experiment").definedBy("org.recsysbook.experiment..")
                .layer("Studies").definedBy("org.recsysbook.studies..")
                .layer("Exercises").definedBy("org.recsysbook.exercises..")

                .whereLayer("Core").mayNotAccessAnyLayer()
                .whereLayer("Notebook").mayNotAccessAnyLayer()
                .whereLayer("World").mayOnlyAccessLayers("Core", "Notebook")
                .whereLayer("Data").mayOnlyAccessLayers("Core", "Notebook")
                .whereLayer("Retrieval").mayOnlyBeAccessedByLayers(with(ABOVE_PIPELINE, "Ranking", "Re-ranking",
                        "Pipeline"))
                .whereLayer("Ranking").mayOnlyBeAccessedByLayers(with(ABOVE_PIPELINE, "Re-ranking", "Pipeline"))
                .whereLayer("Re-ranking").mayOnlyBeAccessedByLayers(with(ABOVE_PIPELINE, "Pipeline"))
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers(ABOVE_PIPELINE)
                .whereLayer("Metrics").mayOnlyBeAccessedByLayers("A/B testing", "Bandits", "Serving", "Experiment",
                        "Studies", "Exercises")
                .whereLayer("A/B testing").mayOnlyBeAccessedByLayers("Metrics", "Bandits", "Serving", "Experiment",
                        "Studies", "Exercises")
                .whereLayer("Bandits").mayOnlyBeAccessedByLayers("Metrics", "A/B testing", "Serving", "Experiment",
                        "Studies", "Exercises")
                .whereLayer("Serving").mayOnlyBeAccessedByLayers("Experiment", "Studies", "Exercises")
                .whereLayer("Experiment").mayOnlyBeAccessedByLayers("Studies", "Exercises")
                .whereLayer("Studies").mayOnlyBeAccessedByLayers("Exercises")
                .whereLayer("Exercises").mayNotBeAccessedByAnyLayer();
    }

    /** No two packages (subpackages counted apart) use each other, directly or through others. */
    static ArchRule noCycles() {
        return slices().matching("org.recsysbook.(**)").should().beFreeOfCycles();
    }

    @ArchTest
    static final ArchRule LAYERS = layers();

    @ArchTest
    static final ArchRule NO_CYCLES = noCycles();

    @ArchTest
    static final ArchRule NOTHING_IMPORTS_THE_KERNEL = noClasses().should().dependOnClassesThat()
            .resideInAPackage("org.recsysbook.kernel..")
            .because("the kernel knows nothing of the library and the library nothing of the kernel");

    /** The rules can fail: classes made to break them (test fixtures, outside the rules above) are caught. */
    @Test
    void theRulesCatchAnUpwardDependencyAndACycle() {
        JavaClasses up = new ClassFileImporter().importClasses(ReachesUp.class,
                org.recsysbook.studies.AnnTradeoff.class);
        assertTrue(fixtureRules().evaluate(up).hasViolation(), "core reaching up to studies must break the layers");
        JavaClasses cycle = new ClassFileImporter().importPackages("org.recsysbook.archfixture");
        assertTrue(slices().matching("org.recsysbook.archfixture.(**)").should().beFreeOfCycles()
                .evaluate(cycle).hasViolation(), "world and retrieval fixtures using each other must be a cycle");
        JavaClasses library = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("org.recsysbook");
        assertFalse(layers().evaluate(library).hasViolation());
        assertTrue(CycleA.class.getName().startsWith("org.recsysbook.archfixture."));
    }

    /** The same layers with the fixture packages mapped onto the layers they pretend to be in. */
    private static ArchRule fixtureRules() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("Core").definedBy("org.recsysbook.archfixture.core..")
                .layer("Studies").definedBy("org.recsysbook.studies..")
                .whereLayer("Core").mayNotAccessAnyLayer();
    }

    private static String[] with(String[] layers, String... more) {
        String[] all = java.util.Arrays.copyOf(layers, layers.length + more.length);
        System.arraycopy(more, 0, all, layers.length, more.length);
        return all;
    }
}
