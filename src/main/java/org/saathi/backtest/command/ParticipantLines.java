package org.saathi.backtest.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.backtest.ParticipantHistory;
import org.saathi.backtest.ReplayOptions;
import org.saathi.facts.Attendance;
import org.saathi.facts.Bam;
import org.saathi.facts.CheckIn;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.Fact;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Phq9;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;
import org.saathi.rules.RecordedFacts;

/**
 * Where one participant's lines lie in a facts file, and their history read back from there as
 * the server's replay reads it from the database: the facts from a window before the period to
 * its end, the last check-in before that, and the relapses staff confirmed.
 */
final class ParticipantLines {

    /** Staff of a participant the file does not describe, named as in the rules' scenario tests. */
    static final String PEER_MENTOR = "peer-mentor";
    static final String COUNSELLOR = "counsellor";
    static final String SUPERVISOR = "supervisor";

    private final String participantId;
    private long[] offsets = new long[4];
    private int[] lengths = new int[4];
    private int[] numbers = new int[4];
    private int size;
    private int describedOn;

    ParticipantLines(String participantId) {
        this.participantId = participantId;
    }

    void add(long offset, int length, int number) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
        }
        offsets[size] = offset;
        lengths[size] = length;
        numbers[size] = number;
        size++;
    }

    /** The line of their participant line; 0 when there is none. */
    int describedOn() {
        return describedOn;
    }

    void describedOn(int number) {
        this.describedOn = number;
    }

    /** The participant's history for a replay of the options' period by rules that look back {@code window}. */
    ParticipantHistory history(FactsFile file, ReplayOptions options, Duration window) {
        Instant from = options.from().minus(window);
        FactLine.Participant who = FactLine.Participant.defaults(participantId);
        List<Fact> facts = new ArrayList<>();
        Map<String, Instant> receivedAt = new HashMap<>();
        Map<String, Integer> idsSeen = new HashMap<>();
        List<Instant> relapses = new ArrayList<>();
        Optional<FactLine.Recorded> lastCheckInBefore = Optional.empty();
        Instant firstFact = null;
        for (int i = 0; i < size; i++) {
            FactLine line = file.read(offsets[i], lengths[i], numbers[i]);
            if (line instanceof FactLine.Participant participant) {
                who = participant;
            } else if (line instanceof FactLine.RelapseConfirmed relapse) {
                relapses.add(relapse.at());
            } else if (line instanceof FactLine.Recorded recorded) {
                Fact fact = recorded.fact();
                Integer earlier = idsSeen.putIfAbsent(fact.id(), numbers[i]);
                if (earlier != null) {
                    throw file.bad(numbers[i], "id " + fact.id() + " is already used on line " + earlier
                            + " for participant " + participantId);
                }
                firstFact = firstFact == null || fact.at().isBefore(firstFact) ? fact.at() : firstFact;
                if (fact.at().isBefore(from)) {
                    if (fact instanceof CheckIn && lastCheckInBefore.filter(last -> !last.fact().at()
                            .isBefore(fact.at())).isEmpty()) {
                        lastCheckInBefore = Optional.of(recorded);
                    }
                } else if (!fact.at().isAfter(options.to())) {
                    facts.add(fact);
                    recorded.receivedAt().ifPresent(at -> receivedAt.put(fact.id(), at));
                }
            }
        }
        lastCheckInBefore.ifPresent(last -> last.receivedAt().ifPresent(at -> receivedAt.put(last.fact().id(), at)));
        Instant enrolled = who.enrolledAt().orElse(firstFact == null ? options.from() : firstFact);
        return new ParticipantHistory(context(who, enrolled), who.programmeThresholds(),
                new RecordedFacts(only(CheckIn.class, facts), only(Attendance.class, facts),
                        only(Phq9.class, facts), only(Bam.class, facts), only(DrugScreen.class, facts),
                        only(PeerConcern.class, facts),
                        lastCheckInBefore.map(last -> (CheckIn) last.fact())),
                receivedAt, relapses);
    }

    /** The facts of one kind, in the file's order: for attendance, the order reports of a session arrived. */
    private static <T extends Fact> List<T> only(Class<T> kind, List<Fact> facts) {
        return facts.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Anyone not named on the participant's line takes the defaults, as in the rules' scenario tests. */
    private static ParticipantContext context(FactLine.Participant who, Instant enrolled) {
        String supervisor = who.supervisorId().orElse(SUPERVISOR);
        return new ParticipantContext(who.participantId(), "default", ParticipantStatus.ACTIVE,
                who.expectsDailyCheckIn(), enrolled,
                who.peerMentorId().orElse(PEER_MENTOR),
                who.counsellorId().orElse(COUNSELLOR), Optional.of(supervisor), who.shareWithPeerMentor(),
                who.programmeSupervisors().isEmpty() ? List.of(supervisor) : who.programmeSupervisors(),
                who.timezone(), who.checkInSchedule())
                .withPrescribedSubstances(who.prescribedSubstances());
    }
}
