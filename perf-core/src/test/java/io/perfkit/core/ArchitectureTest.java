package io.perfkit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md, enforced on perf-core's main classes. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.perfkit.core");

    @Test
    void micrometerIsUsedOnlyInTheMicrometerPackage() {
        noClasses().that().resideOutsideOfPackage("io.perfkit.core.micrometer..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(CORE);
    }

    @Test
    void theServletApiIsUsedOnlyInTheServletPackage() {
        noClasses().that().resideOutsideOfPackage("io.perfkit.core.servlet..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .check(CORE);
    }

    @Test
    void coreDependsOnNoOtherPerfkitModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.perfkit.query..", "io.perfkit.cache..", "io.perfkit.pool..", "io.perfkit.compression..",
                        "io.perfkit.testkit..")
                .check(CORE);
    }
}
