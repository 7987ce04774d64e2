package io.perfkit.pool;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps third-party types in the packages named for them. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.perfkit.pool");

    @Test
    void hikariTypesOnlyInTheHikariPackage() {
        noClasses().that().resideOutsideOfPackage("io.perfkit.pool.hikari..")
                .should().dependOnClassesThat().resideInAPackage("com.zaxxer.hikari..")
                .check(MAIN);
    }

    @Test
    void micrometerOnlyInTheMicrometerPackageAndForHikarisOwnTracker() {
        noClasses().that().resideOutsideOfPackages("io.perfkit.pool.micrometer..", "io.perfkit.pool.hikari..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(MAIN);
    }

    @Test
    void theRootPackageKnowsNothingOfPostgresOrHikari() {
        noClasses().that().resideInAPackage("io.perfkit.pool")
                .should().dependOnClassesThat().resideInAnyPackage("io.perfkit.pool.postgres..",
                        "io.perfkit.pool.hikari..", "org.postgresql..")
                .check(MAIN);
    }
}
