package org.saathi.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.saathi.alert.Finding;
import org.saathi.facts.OpenAlert;
import org.saathi.ingest.FactHistory;
import org.saathi.roster.ParticipantContext;

/**
 * A compiled rule set as a backtest replays it: what it finds about a participant as of any
 * moment, with the same window, baseline and escalation policy as live evaluation. It only finds;
 * what becomes an alert is the replay's business, and nothing is written anywhere.
 */
public final class RuleSetReplay {

    private final CompiledRuleSet rules;

    RuleSetReplay(CompiledRuleSet rules) {
        this.rules = rules;
    }

    /**
     * Compiles a rules folder without a server, with the default window and baseline; throws
     * {@link RuleSetInvalid} naming file and line when it does not compile. Scenarios are not run here.
     */
    public static RuleSetReplay compile(Path folder) {
        return new RuleSetReplay(RuleSetLoader.compile(folder, RuleSettings.DEFAULT_WINDOW,
                RuleSettings.DEFAULT_BASELINE, Clock.systemUTC().instant()));
    }

    public String version() {
        return rules.version();
    }

    /** How far back an evaluation looks. */
    public Duration window() {
        return rules.window();
    }

    public List<RuleInfo> rules() {
        return rules.rules();
    }

    /** The set's default thresholds, with a programme's own values for the ones this set defines. */
    public Map<String, Double> thresholds(Map<String, Double> programmeOverrides) {
        Map<String, Double> thresholds = new HashMap<>(rules.thresholds());
        programmeOverrides.forEach((key, value) -> {
            if (thresholds.containsKey(key)) {
                thresholds.put(key, value);
            }
        });
        return thresholds;
    }

    /**
     * What the rules find about the participant as of {@code now}, given the facts of the window
     * that were known by then and the alerts open then; one finding per rule, most severe first.
     */
    public List<Finding> findings(ParticipantContext participant, Instant now, Map<String, Double> thresholds,
            FactHistory.Facts facts, List<OpenAlert> open) {
        return evaluate(participant, now, thresholds, facts, open).findings();
    }

    CompiledRuleSet.Evaluated evaluate(ParticipantContext participant, Instant now, Map<String, Double> thresholds,
            FactHistory.Facts facts, List<OpenAlert> open) {
        return rules.evaluate(new EvaluationInput(participant, now, thresholds, facts.checkIns(), facts.attendance(),
                facts.phq9(), facts.bam(), facts.drugScreens(), facts.peerConcerns(), facts.lastCheckIn(), open));
    }

    /** The scenario tests this set fails, which a backtest reports as warnings rather than refuses. */
    public List<RuleSetProblem> scenarioFailures() {
        return RuleSetLoader.check(rules);
    }

    /** A rule author's words for a failure inside a rule while it ran. */
    public static String describe(RuntimeException failure) {
        return RuleSetLoader.describe(failure);
    }
}
