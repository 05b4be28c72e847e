package org.saathi;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package says in its package-info.java which others it may use; this keeps the
 * code to that, and keeps the packages free of cycles, so that the walk from a check-in to an
 * alert and a message goes one way.
 */
class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(SaathiApplication.class);

    @Test
    void featuresUseOnlyWhatTheyDeclare() {
        MODULES.verify();
    }
}
