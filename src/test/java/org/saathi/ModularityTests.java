package org.saathi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package names in its package-info.java the features it may use. This keeps the
 * code to that: no other dependency, no cycle, and no reach into another feature's sub-package
 * unless it is a named interface, so that a check-in goes one way (ingest runs the rules and hands
 * their findings to the alerts, which write the messages) and the rules stay an engine that
 * raises no alert.
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(SaathiApplication.class);

    @Test
    void featuresUseOnlyWhatTheyDeclare() {
        MODULES.verify();
    }

    /** Facts and a clock in, findings out; the one table of the rules is which version each instance runs. */
    @Test
    void theRulesEngineReadsNoTable() {
        noClasses().that().resideInAPackage("org.saathi.rules..").and().doNotHaveSimpleName("InstanceStore")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.saathi.rules"));
    }
}
