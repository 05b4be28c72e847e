package org.saathi.rules;

import java.util.List;
import java.util.Optional;

import org.saathi.facts.Attendance;
import org.saathi.facts.Bam;
import org.saathi.facts.CheckIn;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Phq9;

/**
 * Everything recorded for one participant in a period, plus their last check-in before it: what
 * an evaluation reads, however the facts were stored (the database, a backtest's facts file).
 */
public record RecordedFacts(List<CheckIn> checkIns, List<Attendance> attendance, List<Phq9> phq9, List<Bam> bam,
        List<DrugScreen> drugScreens, List<PeerConcern> peerConcerns, Optional<CheckIn> lastCheckIn) {
}
