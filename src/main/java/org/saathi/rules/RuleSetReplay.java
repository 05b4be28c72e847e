package org.saathi.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.saathi.facts.CheckIn;
import org.saathi.facts.Fact;
import org.saathi.facts.OpenAlert;
import org.saathi.roster.ParticipantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled rule set as live evaluation and a backtest run it: what it finds about a participant
 * as of any moment, with one window, baseline and escalation policy for both. It only finds: what
 * becomes an alert is the caller's business, and nothing is read or written anywhere.
 */
public final class RuleSetReplay {

    private static final Logger log = LoggerFactory.getLogger(RuleSetReplay.class);

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
            RecordedFacts facts, List<OpenAlert> open) {
        return evaluate(participant, now, thresholds, facts, open).findings();
    }

    /**
     * As {@link #findings}, for live evaluation, which also logs the rules whose signals no
     * escalation rule took up (their alerts go to the counsellor and supervisor instead), for the
     * rule author to fix.
     */
    public List<Finding> liveFindings(ParticipantContext participant, Instant now, Map<String, Double> thresholds,
            RecordedFacts facts, List<OpenAlert> open) {
        CompiledRuleSet.Evaluated evaluated = evaluate(participant, now, thresholds, facts, open);
        if (!evaluated.unescalated().isEmpty()) {
            log.error("Rule set {}: no escalation rule took up {}; sent to counsellor and supervisor instead",
                    version(), evaluated.unescalated());
        }
        return evaluated.findings();
    }

    /**
     * Whether an open alert whose condition these findings no longer hold ({@code alert}, one of
     * {@code open}) has cleared, and by which fact. It has when something happened since its newest
     * evidence that made the difference: without the facts dated after that evidence, the rules
     * would still hold its condition now. The answer is then the newest of those facts. An alert
     * whose condition merely lapsed with time (its evidence left a rule's look-back of recent days,
     * with nothing since to say the person is better) has not cleared: it waits for a person.
     */
    public Optional<Fact> clearedBy(ParticipantContext participant, Instant now, Map<String, Double> thresholds,
            RecordedFacts facts, List<OpenAlert> open, OpenAlert alert) {
        Instant evidence = alert.lastEvidenceAt();
        Optional<Fact> newest = Stream.of(facts.checkIns(), facts.attendance(), facts.phq9(), facts.bam(),
                        facts.drugScreens(), facts.peerConcerns())
                .flatMap(List::stream).map(Fact.class::cast)
                .filter(fact -> fact.at().isAfter(evidence))
                .max(Comparator.comparing(Fact::at).thenComparing(Fact::id));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        boolean heldWithout = Finding.holds(alert.ruleId(), alert.severity(),
                findings(participant, now, thresholds, upTo(facts, evidence), open));
        return heldWithout ? newest : Optional.empty();
    }

    /**
     * What the rules would have found at {@code at}, an earlier moment, from the facts dated up to
     * then: for a late fact, what it showed at its own moment rather than what only the time since
     * made true.
     */
    public List<Finding> findingsAsOf(ParticipantContext participant, Instant at, Map<String, Double> thresholds,
            RecordedFacts facts, List<OpenAlert> open) {
        return findings(participant, at, thresholds, upTo(facts, at), open);
    }

    private static RecordedFacts upTo(RecordedFacts facts, Instant until) {
        List<CheckIn> checkIns = upTo(facts.checkIns(), until);
        Optional<CheckIn> lastCheckIn = facts.lastCheckIn().filter(last -> !last.at().isAfter(until))
                .or(() -> checkIns.stream().max(Comparator.comparing(CheckIn::at)));
        return new RecordedFacts(checkIns, upTo(facts.attendance(), until), upTo(facts.phq9(), until),
                upTo(facts.bam(), until), upTo(facts.drugScreens(), until), upTo(facts.peerConcerns(), until),
                lastCheckIn);
    }

    private static <T extends Fact> List<T> upTo(List<T> facts, Instant until) {
        return facts.stream().filter(fact -> !fact.at().isAfter(until)).toList();
    }

    CompiledRuleSet.Evaluated evaluate(ParticipantContext participant, Instant now, Map<String, Double> thresholds,
            RecordedFacts facts, List<OpenAlert> open) {
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
