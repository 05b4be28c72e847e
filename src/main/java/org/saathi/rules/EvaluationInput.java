package org.saathi.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.facts.Attendance;
import org.saathi.facts.Bam;
import org.saathi.facts.CheckIn;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.OpenAlert;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Phq9;
import org.saathi.roster.ParticipantContext;

/**
 * Everything one evaluation looks at: the participant, the moment, the thresholds in force, the
 * facts of the window (attendance as reported, corrections included, oldest report first), their
 * last check-in even when it is older than the window, and their open alerts.
 */
record EvaluationInput(ParticipantContext participant, Instant now, Map<String, Double> thresholds,
        List<CheckIn> checkIns, List<Attendance> attendanceReports, List<Phq9> phq9, List<Bam> bam,
        List<DrugScreen> drugScreens, List<PeerConcern> peerConcerns, Optional<CheckIn> lastCheckIn,
        List<OpenAlert> openAlerts) {
}
