package org.saathi.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.Baseline;
import org.saathi.facts.CheckIn;
import org.saathi.facts.ConcernCategory;
import org.saathi.facts.ConcernLevel;
import org.saathi.facts.DomainScore;
import org.saathi.facts.Fact;
import org.saathi.facts.Now;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.SessionType;
import org.saathi.facts.Severity;
import org.saathi.facts.Signal;
import org.saathi.facts.Threshold;

/**
 * The combined deterioration score (CMB-001) from its domain table to the severity, in tables of
 * cases: a measure's bands and the score they give a value; a small table of domains and the facts
 * each scores; the words of the total; and the severity CMB-001's rules give a set of domain scores
 * under the programme's thresholds. The tables are the test's own, not the catalogue's, so that a
 * clinician retuning {@code rules/deterioration.yaml} changes none of these cases. No database and
 * no Spring: only {@code rules/signals/combined.drl}, compiled once.
 */
class CombinedScoreTests {

    private static final Instant NOW = Instant.parse("2026-01-15T03:30:00Z");
    private static final String P = "P-1";

    /** The programme's thresholds here, other than the catalogue's, so that only thresholds can give them. */
    private static final Map<String, Double> THRESHOLDS = Map.of("CMB-001.watch", 2.0, "CMB-001.warning", 5.0,
            "CMB-001.urgent", 8.0, "recent.days", 7.0);

    private static KieBase combined;

    @BeforeAll
    static void compileCombinedRulesAlone() throws IOException {
        List<RuleSetProblem> problems = new ArrayList<>();
        combined = DrlCompiler.compile(new RuleSetFiles(RuleScenarioTests.RULES, Map.of("signals/combined.drl",
                Files.readString(RuleScenarioTests.RULES.resolve("signals/combined.drl"))), "combined"), problems);
        assertThat(problems).isEmpty();
    }

    record Band(String name, DeteriorationTable.Scored bands, double value, int expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Band> bands() {
        DeteriorationTable.Scored absences = atOrAbove("absences", Map.of(1, 2.0, 2, 3.0, 3, 4.0));
        DeteriorationTable.Scored noOne = atOrAbove("level", Map.of(2, 6.5, 3, 8.0));
        DeteriorationTable.Scored noTwo = atOrAbove("checkIns", Map.of(1, 1.0, 3, 5.0));
        DeteriorationTable.Scored mood = atOrBelow("level", Map.of(2, 3.0, 3, 2.0));
        DeteriorationTable.Scored onlyThree = atOrAbove("high", Map.of(3, 1.0));
        return Stream.of(
                new Band("below the first band: 0", absences, 1.9, 0),
                new Band("a band starts at its value", absences, 2, 1),
                new Band("between two bands: the lower", absences, 3.5, 2),
                new Band("above the top band: the top", absences, 40, 3),
                new Band("a score left out is never given: below the 2 band is 0, not 1", noOne, 6.4, 0),
                new Band("a score left out is never given: the 2 band is 2", noOne, 6.5, 2),
                new Band("a middle score left out: from the 3 band it is 3, not 2", noTwo, 5, 3),
                new Band("lower is worse: above the bands, 0", mood, 3.1, 0),
                new Band("lower is worse: a band starts at its value", mood, 3, 2),
                new Band("lower is worse: between two bands, the lower score", mood, 2.5, 2),
                new Band("lower is worse: at or below the top band, the top", mood, 1, 3),
                new Band("one band alone: nothing below it", onlyThree, 0, 0),
                new Band("one band alone: its score from its value", onlyThree, 1, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bands")
    void scoresTheHighestBandTheValueIsIn(Band c) {
        assertThat(c.bands().score(c.value())).isEqualTo(c.expected());
    }

    /** A domain's score as a counsellor reads it, and the ids of the facts behind it. */
    record Expected(String domain, int score, boolean measured, String reading, List<String> evidence) {
    }

    record Domains(String name, List<DeteriorationTable.Domain> table, Facts facts, List<Expected> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** The facts of the window, as {@link Window} passes them to the score. */
    record Facts(List<CheckIn> checkIns, List<Attendance> sessions, List<PeerConcern> concerns) {

        static Facts none() {
            return new Facts(List.of(), List.of(), List.of());
        }

        static Facts checkIns(CheckIn... checkIns) {
            return new Facts(List.of(checkIns), List.of(), List.of());
        }

        static Facts sessions(Attendance... sessions) {
            return new Facts(List.of(), List.of(sessions), List.of());
        }

        static Facts concerns(PeerConcern... concerns) {
            return new Facts(List.of(), List.of(), List.of(concerns));
        }
    }

    static Stream<Domains> domains() {
        DeteriorationTable.Domain stress = domain("stress", Map.of(),
                atOrAbove("level", Map.of(1, 5.0, 2, 7.0, 3, 9.0)));
        DeteriorationTable.Domain attendance = domain("attendance", Map.of("days", 3.0),
                atOrAbove("absences", Map.of(1, 2.0, 3, 3.0)));
        DeteriorationTable.Domain concerns = domain("peerConcerns", Map.of("days", 7.0),
                atOrAbove("low", Map.of(1, 2.0)), atOrAbove("medium", Map.of(2, 1.0)),
                atOrAbove("high", Map.of(3, 1.0)));
        DeteriorationTable.Domain sleep = domain("sleep", Map.of("shortNightHours", 6.0),
                atOrAbove("shortNights", Map.of(1, 2.0, 2, 3.0)), atOrBelow("hours", Map.of(3, 4.0)));
        DeteriorationTable.Domain sleepHoursOnly = domain("sleep", Map.of("shortNightHours", 6.0),
                atOrBelow("hours", Map.of(3, 3.0)));
        return Stream.of(
                new Domains("nothing recent: each domain scores 0, is not measured, and says why",
                        List.of(stress, attendance, concerns), Facts.none(),
                        List.of(new Expected("stress", 0, false, "fewer than 3 check-ins in the last 7 days",
                                List.of()),
                                new Expected("attendance", 0, false, "no sessions in the last 3 days", List.of()),
                                new Expected("peer concerns", 0, false, "no peer concerns in the last 7 days",
                                        List.of()))),
                new Domains("a domain left out of the table is not scored at all, whatever its facts", List.of(stress),
                        new Facts(List.of(stressed("c1", 2, 2), stressed("c2", 1, 2), stressed("c3", 0, 2)),
                                List.of(session("s1", 2, AttendanceStatus.ABSENT), session("s2", 1,
                                        AttendanceStatus.ABSENT), session("s3", 0, AttendanceStatus.ABSENT)),
                                List.of()),
                        List.of(new Expected("stress", 0, true, "middle 2 of the last 3 check-ins that asked",
                                List.of()))),
                new Domains("the middle of the recent check-ins: one bad day among them scores nothing",
                        List.of(stress),
                        Facts.checkIns(stressed("c1", 2, 2), stressed("c2", 1, 10), stressed("c3", 0, 3)),
                        List.of(new Expected("stress", 0, true, "middle 3 of the last 3 check-ins that asked",
                                List.of()))),
                new Domains("a level at its band's start scores that band, the check-ins its evidence",
                        List.of(stress),
                        Facts.checkIns(stressed("c1", 2, 8), stressed("c2", 1, 7), stressed("c3", 0, 7)),
                        List.of(new Expected("stress", 2, true, "middle 7 of the last 3 check-ins that asked",
                                List.of("c3", "c2", "c1")))),
                new Domains("a question not asked: 0, and it says so", List.of(stress),
                        Facts.checkIns(stressed("c1", 2, null), stressed("c2", 1, 9), stressed("c3", 0, null)),
                        List.of(new Expected("stress", 0, false, "stress not asked in the recent check-ins",
                                List.of()))),
                new Domains("the domain's own days: an absence before its 3 days does not count; a score left out "
                        + "is never given", List.of(attendance),
                        Facts.sessions(session("old", 4, AttendanceStatus.ABSENT),
                                session("s1", 2, AttendanceStatus.ABSENT), session("s2", 1, AttendanceStatus.ATTENDED),
                                session("s3", 0, AttendanceStatus.ABSENT)),
                        List.of(new Expected("attendance", 1, true, "2 unexcused absences of 3 sessions in the last 3 "
                                + "days", List.of("s3", "s1")))),
                new Domains("a score left out is never given: one absence more goes from 1 to 3", List.of(attendance),
                        Facts.sessions(session("s1", 2, AttendanceStatus.ABSENT),
                                session("s2", 1, AttendanceStatus.ABSENT), session("s3", 0, AttendanceStatus.ABSENT)),
                        List.of(new Expected("attendance", 3, true, "3 unexcused absences of 3 sessions in the last 3 "
                                + "days", List.of("s3", "s2", "s1")))),
                new Domains("several measures: the highest, in its words, with the evidence of every one that scored",
                        List.of(concerns),
                        Facts.concerns(concern("l1", ConcernLevel.LOW), concern("l2", ConcernLevel.LOW),
                                concern("m1", ConcernLevel.MEDIUM)),
                        List.of(new Expected("peer concerns", 2, true, "1 medium of 3 concerns in the last 7 days",
                                List.of("l1", "l2", "m1")))),
                new Domains("a measure that scores nothing adds no evidence", List.of(concerns),
                        Facts.concerns(concern("l1", ConcernLevel.LOW), concern("m1", ConcernLevel.MEDIUM)),
                        List.of(new Expected("peer concerns", 2, true, "1 medium of 2 concerns in the last 7 days",
                                List.of("m1")))),
                new Domains("one HIGH concern scores 3 on its own", List.of(concerns),
                        Facts.concerns(concern("h1", ConcernLevel.HIGH)),
                        List.of(new Expected("peer concerns", 3, true, "1 high of 1 concerns in the last 7 days",
                                List.of("h1")))),
                new Domains("no measure scores: the domain reads in its first measure's words", List.of(sleep),
                        Facts.checkIns(slept("c1", 2, 7.0), slept("c2", 1, 7.0), slept("c3", 0, 5.0)),
                        List.of(new Expected("sleep", 0, true, "1 of 3 nights under 6 hours", List.of()))),
                new Domains("only the measures the table names are read: three short nights score nothing here",
                        List.of(sleepHoursOnly),
                        Facts.checkIns(slept("c1", 2, 5.0), slept("c2", 1, 5.0), slept("c3", 0, 5.0)),
                        List.of(new Expected("sleep", 0, true, "mean 5 hours of the last 3 nights", List.of()))),
                new Domains("the domains in the table's order, each scored apart",
                        List.of(attendance, stress, concerns),
                        new Facts(List.of(stressed("c1", 2, 9), stressed("c2", 1, 9), stressed("c3", 0, 9)),
                                List.of(session("s1", 1, AttendanceStatus.ATTENDED)), List.of()),
                        List.of(new Expected("attendance", 0, true, "0 unexcused absences of 1 sessions in the last 3 "
                                + "days", List.of()),
                                new Expected("stress", 3, true, "middle 9 of the last 3 check-ins that asked",
                                        List.of("c3", "c2", "c1")),
                                new Expected("peer concerns", 0, false, "no peer concerns in the last 7 days",
                                        List.of()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("domains")
    void scoresEachDomainOfTheTable(Domains c) {
        List<DomainScore> scores = DeteriorationScoring.score(new DeteriorationTable(3, c.table()), scope(c.facts()),
                P);

        assertThat(scores).extracting(score -> new Expected(score.domain(), score.score(), score.measured(),
                score.reading(), score.evidence().stream().map(Fact::id).toList()))
                .containsExactlyElementsOf(c.expected());
        assertThat(scores).extracting(DomainScore::order).containsExactlyElementsOf(
                IntStream.range(0, c.table().size()).boxed().toList());
    }

    record Words(String name, List<DomainScore> domains, int total, String expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Words> words() {
        return Stream.of(
                new Words("every domain measured and at 0", List.of(scored("craving", 0, 0), scored("mood", 1, 0)), 0,
                        "Deterioration score 0: all 0"),
                new Words("the domains that scored, highest first, then in the table's order; the others 0",
                        List.of(scored("craving", 0, 1), scored("mood", 1, 2), scored("sleep", 2, 0),
                                scored("stress", 3, 1)),
                        4, "Deterioration score 4: mood 2 (mood reading), craving 1 (craving reading), "
                                + "stress 1 (stress reading); others 0"),
                new Words("every domain scored: no others", List.of(scored("craving", 0, 1), scored("mood", 1, 3)), 4,
                        "Deterioration score 4: mood 3 (mood reading), craving 1 (craving reading)"),
                new Words("a domain with nothing recent scores 0 and the words say so",
                        List.of(scored("craving", 0, 2), unmeasured("sleep", 1), scored("mood", 2, 0),
                                unmeasured("peer concerns", 3)),
                        2, "Deterioration score 2: craving 2 (craving reading); others 0; nothing recent to score for "
                                + "sleep and peer concerns"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("words")
    void addsTheDomainsUpAndSaysSoInWords(Words c) {
        assertThat(DomainScore.total(c.domains())).isEqualTo(c.total());
        assertThat(DomainScore.explain(c.domains())).isEqualTo(c.expected());
    }

    /**
     * What CMB-001 raises on a set of domain scores: WATCH from a total of 2, WARNING from 5, URGENT
     * from 8 when two or more domains score; one domain at 3 a WARNING on its own while its newest
     * fact is of the last 7 days, unless another rule's signal rests on the same facts.
     */
    record Severities(String name, List<DomainScore> domains, List<Signal> otherSignals, int total,
            Optional<Severity> expected, Map<String, Double> thresholds) {

        Severities(String name, List<DomainScore> domains, List<Signal> otherSignals, int total,
                Optional<Severity> expected) {
            this(name, domains, otherSignals, total, expected, THRESHOLDS);
        }

        /** The same case where the programme sets one threshold otherwise. */
        Severities under(String key, double value) {
            Map<String, Double> changed = new java.util.HashMap<>(thresholds);
            changed.put(key, value);
            return new Severities(name, domains, otherSignals, total, expected, Map.copyOf(changed));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Severities> severities() {
        CheckIn concern = checkIn("concern-fact", NOW.minus(Duration.ofHours(1)));
        DomainScore highOnThatFact = new DomainScore(P, "peer concerns", 0, 3, true, "reading", List.of(concern));
        return Stream.of(
                severity("one domain alone at CMB-001.watch is no pattern: nothing", List.of(2, 0, 0), 2, null),
                severity("two domains reaching CMB-001.watch: WATCH", List.of(1, 1, 0), 2, Severity.WATCH),
                severity("a total one below a programme's CMB-001.watch of 4: nothing", List.of(2, 1), 3, null)
                        .under("CMB-001.watch", 4),
                severity("a total at a programme's CMB-001.watch of 4: WATCH", List.of(2, 2), 4, Severity.WATCH)
                        .under("CMB-001.watch", 4),
                severity("a total one below CMB-001.warning: WATCH", List.of(2, 2), 4, Severity.WATCH),
                severity("a total at CMB-001.warning: WARNING", List.of(2, 2, 1), 5, Severity.WARNING),
                severity("a total one below CMB-001.urgent: WARNING", List.of(2, 2, 2, 1), 7, Severity.WARNING),
                severity("a total at CMB-001.urgent: URGENT", List.of(2, 2, 2, 2), 8, Severity.URGENT),
                severity("domains with nothing recent are no second domain: nothing", List.of(2, -1, -1), 2, null),
                severity("every domain at its highest is still URGENT, never CRITICAL", List.of(3, 3, 3, 3, 3, 3, 3, 3,
                        3, 3), 30, Severity.URGENT),
                severity("one domain at 3 and nothing else: WARNING on its own", List.of(0, 3, 0), 3,
                        Severity.WARNING),
                severity("one domain at 3 among others: the total decides above WARNING", List.of(3, 3, 2), 8,
                        Severity.URGENT),
                new Severities("one domain at 3 whose newest fact is exactly 7 days old: WARNING",
                        List.of(atThree(NOW.minus(Duration.ofDays(7)))), List.of(), 3, Optional.of(Severity.WARNING)),
                new Severities("one domain at 3 whose newest fact is older than recent.days: nothing",
                        List.of(atThree(NOW.minus(Duration.ofDays(7).plusMinutes(1)))), List.of(), 3, Optional.empty()),
                new Severities("one domain at 3 another rule has raised on the same facts: nothing more",
                        List.of(highOnThatFact), List.of(signal("PEER-001 High-level peer concern", concern)), 3,
                        Optional.empty()),
                new Severities("another rule's signal on other facts does not stop it",
                        List.of(highOnThatFact),
                        List.of(signal("PEER-001 High-level peer concern",
                                checkIn("other-fact", NOW.minus(Duration.ofHours(2))))),
                        3, Optional.of(Severity.WARNING)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severities")
    void raisesTheSeverityTheTotalReaches(Severities c) {
        List<Signal> signals = cmb001(c.domains(), c.otherSignals(), c.thresholds());

        assertThat(DomainScore.total(c.domains())).isEqualTo(c.total());
        assertThat(signals.stream().map(Signal::severity).max(Comparator.naturalOrder())).isEqualTo(c.expected());
        assertThat(signals).allSatisfy(signal -> {
            assertThat(signal.explanation()).isEqualTo(DomainScore.explain(c.domains()));
            assertThat(signal.evidence()).containsExactlyInAnyOrderElementsOf(DomainScore.evidenceOf(c.domains()));
        });
    }

    /** The CMB-001 signals the combined rules raise on the given scores, beside other rules' signals. */
    private static List<Signal> cmb001(List<DomainScore> domains, List<Signal> otherSignals,
            Map<String, Double> thresholds) {
        KieSession session = combined.newKieSession();
        try {
            session.insert(new Now(NOW));
            thresholds.forEach((key, value) -> session.insert(new Threshold(key, value)));
            domains.forEach(session::insert);
            otherSignals.forEach(session::insert);
            session.fireAllRules(CompiledRuleSet.MOST_FIRINGS);
            return session.getObjects().stream().filter(Signal.class::isInstance).map(Signal.class::cast)
                    .filter(signal -> signal.ruleId().equals(DomainScore.SCORE_RULE)).toList();
        } finally {
            session.dispose();
        }
    }

    /** Domain scores in table order, -1 for a domain with nothing recent; each score above 0 on its own fact. */
    private static Severities severity(String name, List<Integer> scores, int total, Severity expected) {
        List<DomainScore> domains = new ArrayList<>();
        for (int order = 0; order < scores.size(); order++) {
            int score = scores.get(order);
            List<Fact> evidence = score <= 0 ? List.of()
                    : List.of(checkIn("fact-" + order, NOW.minus(Duration.ofHours(1))));
            domains.add(score < 0 ? unmeasured("domain " + order, order)
                    : new DomainScore(P, "domain " + order, order, score, true, "reading " + order, evidence));
        }
        return new Severities(name, domains, List.of(), total, Optional.ofNullable(expected));
    }

    private static DomainScore atThree(Instant newestFact) {
        return new DomainScore(P, "screening", 0, 3, true, "reading", List.of(checkIn("older", newestFact.minus(
                Duration.ofDays(3))), checkIn("newest", newestFact)));
    }

    private static Signal signal(String rule, Fact evidence) {
        return new Signal(Signal.idOf(rule), rule, Severity.URGENT, "explanation", List.of(evidence), evidence.at());
    }

    private static DomainScore scored(String domain, int order, int score) {
        return new DomainScore(P, domain, order, score, true, domain + " reading", List.of());
    }

    private static DomainScore unmeasured(String domain, int order) {
        return new DomainScore(P, domain, order, 0, false, "nothing recent", List.of());
    }

    private static ScoringScope scope(Facts facts) {
        List<CheckIn> numbered = Window.numbered(facts.checkIns());
        List<Attendance> sessions = Window.sessions(facts.sessions());
        return new ScoringScope(new Now(NOW), 7, 5, 3, numbered, new Baseline(P, 0, 0, 0, 0, 0), sessions,
                DoseDays.of(P, sessions, numbered, java.time.ZoneId.of("Asia/Kolkata"), NOW), List.of(), List.of(),
                facts.concerns(), NOW.minus(Duration.ofDays(28)), Engagements.none(P, true));
    }

    private static DeteriorationTable.Domain domain(String name, Map<String, Double> settings,
            DeteriorationTable.Scored... measures) {
        return new DeteriorationTable.Domain(name, "reason", "source", settings, List.of(measures));
    }

    private static DeteriorationTable.Scored atOrAbove(String measure, Map<Integer, Double> from) {
        return new DeteriorationTable.Scored(measure, "atOrAbove", new java.util.TreeMap<>(from));
    }

    private static DeteriorationTable.Scored atOrBelow(String measure, Map<Integer, Double> from) {
        return new DeteriorationTable.Scored(measure, "atOrBelow", new java.util.TreeMap<>(from));
    }

    private static CheckIn checkIn(String id, Instant at) {
        return new CheckIn(id, P, at, 0, 2, 7, null, null, null, null, List.of());
    }

    /** A check-in some days ago (0: two hours ago) answering the stress question, or not (null). */
    private static CheckIn stressed(String id, int daysAgo, Integer stress) {
        return new CheckIn(id, P, ago(daysAgo), 0, 2, 7, stress, null, null, null, List.of());
    }

    private static CheckIn slept(String id, int daysAgo, double hours) {
        return new CheckIn(id, P, ago(daysAgo), 0, 2, 7, null, hours, null, null, List.of());
    }

    private static Attendance session(String id, int daysAgo, AttendanceStatus status) {
        return new Attendance(id, P, ago(daysAgo), 0, id, null, SessionType.GROUP_THERAPY, status);
    }

    private static PeerConcern concern(String id, ConcernLevel level) {
        return new PeerConcern(id, P, NOW.minus(Duration.ofDays(1)), level, ConcernCategory.OTHER, "staff-1");
    }

    private static Instant ago(int days) {
        return NOW.minus(Duration.ofDays(days)).minus(Duration.ofHours(2));
    }
}
