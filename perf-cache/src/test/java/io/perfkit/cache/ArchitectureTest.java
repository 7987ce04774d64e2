package io.perfkit.cache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Third-party types stay in their named subpackage; nothing in perf-cache uses Java serialization. */
@AnalyzeClasses(packages = "io.perfkit.cache", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule lettuceOnlyInRedisPackage = noClasses()
            .that().resideOutsideOfPackage("io.perfkit.cache.redis..")
            .should().dependOnClassesThat().resideInAPackage("io.lettuce..");

    @ArchTest
    static final ArchRule micrometerOnlyInMicrometerPackage = noClasses()
            .that().resideOutsideOfPackage("io.perfkit.cache.micrometer..")
            .should().dependOnClassesThat().resideInAPackage("io.micrometer..");

    @ArchTest
    static final ArchRule noJavaSerialization = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectOutputStream");

    @ArchTest
    static final ArchRule noPolymorphicJsonTyping = noClasses()
            .should().callMethod("com.fasterxml.jackson.databind.ObjectMapper", "activateDefaultTyping",
                    "com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator");
}
