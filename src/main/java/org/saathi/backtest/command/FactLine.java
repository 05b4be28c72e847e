package org.saathi.backtest.command;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.saathi.facts.Fact;
import org.saathi.facts.Substance;
import org.saathi.roster.CheckInSchedule;
import org.saathi.roster.ParticipantContext;

/**
 * One line of a facts file for a backtest from the command line, as {@link FactLines} reads it.
 * The format is described for rule authors in rules/README.md, "Backtesting a change".
 */
sealed interface FactLine {

    String participantId();

    /** Who a participant is; a participant without such a line is given {@link #defaults}. */
    record Participant(String participantId, Optional<String> peerMentorId, Optional<String> counsellorId,
            Optional<String> supervisorId, List<String> programmeSupervisors, boolean shareWithPeerMentor,
            boolean expectsDailyCheckIn, Optional<Instant> enrolledAt, Map<String, Double> programmeThresholds,
            ZoneId timezone, Optional<CheckInSchedule> checkInSchedule, Set<Substance> prescribedSubstances)
            implements FactLine {

        static Participant defaults(String participantId) {
            return new Participant(participantId, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    true, true, Optional.empty(), Map.of(), ParticipantContext.DEFAULT_TIMEZONE, Optional.empty(),
                    Set.of());
        }
    }

    /** A check-in, attendance, screening or peer concern, and when Saathi received it if that is known. */
    record Recorded(Fact fact, Optional<Instant> receivedAt) implements FactLine {

        @Override
        public String participantId() {
            return fact.participantId();
        }
    }

    /** Staff confirmed a relapse, as when they resolve an alert with RELAPSE_CONFIRMED. */
    record RelapseConfirmed(String participantId, Instant at) implements FactLine {
    }
}
