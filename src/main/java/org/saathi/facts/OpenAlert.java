package org.saathi.facts;

import java.time.Instant;

/** An alert of the participant's that is open or acknowledged, as rules may weigh it. */
public record OpenAlert(String ruleId, Severity severity, Instant raisedAt, Instant lastEvidenceAt) {

    /** "CHK", "ATT", "MED", "SCR", "GAP", "PEER" or "CMB": the part of the rule id before the dash. */
    public String category() {
        return Signal.categoryOf(ruleId);
    }
}
