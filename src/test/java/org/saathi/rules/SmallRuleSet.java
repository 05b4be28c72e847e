package org.saathi.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal valid rules folder, for tests of loading and reloading that must not depend on the catalogue. */
final class SmallRuleSet {

    static final String SIGNAL_RULE = """
            package rules.signals;

            import org.saathi.facts.*;

            // A test rule.
            rule "TST-001 High craving"
            when
                Threshold( key == "TST-001.craving", $min : value )
                $checkIn : CheckIn( craving >= $min )
            then
                insert(Signal.of(drools, Severity.WATCH, "Craving " + $checkIn.craving(), $checkIn));
            end
            """;

    /** The line of {@link #SIGNAL_RULE} that matches the check-in. */
    static final int CHECK_IN_LINE = 9;

    static final String SCENARIOS = """
            scenarios:
              - name: fires at 8
                facts:
                  - checkIn: { at: -1h, craving: 8 }
                expect:
                  - { rule: TST-001, severity: WATCH, recipients: [COUNSELLOR] }
              - name: near miss at 7
                facts:
                  - checkIn: { at: -1h, craving: 7 }
                expectNot: [TST-001]
            """;

    private SmallRuleSet() {
    }

    static void writeTo(Path rules) {
        write(rules, "thresholds.yaml", """
                TST-001.craving: 8
                escalation.ackHours: 4
                """);
        write(rules, "signals/test.drl", SIGNAL_RULE);
        write(rules, "responses.yaml", """
                TST-001:
                  WATCH: Ask about the craving today.
                """);
        write(rules, "escalation/policy.drl", """
                package rules.escalation;

                import org.saathi.facts.*;

                rule "ESC-001 Everything to the counsellor"
                when
                    $signal : Signal()
                    Threshold( key == "escalation.ackHours", $hours : value )
                then
                    insert(EscalationAction.of($signal, $hours, Role.SUPERVISOR, Role.COUNSELLOR));
                end
                """);
        write(rules, "tests/test.yaml", SCENARIOS);
    }

    static void write(Path rules, String file, String text) {
        try {
            Path path = rules.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
