package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.saathi.SaathiApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A rule author who breaks the rules folder is told where, in a few lines, when the service will not start. */
@ExtendWith(OutputCaptureExtension.class)
class RuleSetStartFailureTests {

    @TempDir
    Path rules;

    @Test
    void aMisspeltFieldStopsTheStartWithTheFolderTheFileAndTheBrokenLine(CapturedOutput output) {
        SmallRuleSet.writeTo(rules);
        SmallRuleSet.write(rules, "signals/test.drl", SmallRuleSet.SIGNAL_RULE.replace("craving >= $min", "cravng >= $min"));

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(SaathiApplication.class)
                .profiles("test").properties("saathi.rules.directory=" + rules, "server.port=0").run());

        assertThat(failure).hasRootCauseInstanceOf(RuleSetInvalid.class);
        String report = output.getAll().substring(output.getAll().indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("The rule set in " + rules.toAbsolutePath().normalize() + " has 1 problem",
                "signals/test.drl:" + SmallRuleSet.CHECK_IN_LINE + ": Unable to parse left part of expression: cravng >= $min",
                "SAATHI_RULES_DIRECTORY");
        assertThat(output.getAll()).doesNotContain("\tat org.saathi.rules.");
    }
}
