package org.saathi.roster;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A centre or programme. {@code thresholds} are its own values where they differ from the rule
 * set's defaults; {@code effectiveThresholds} are what its rules use.
 */
record Programme(String id, String name, ZoneId timezone, boolean showDisplayNames, Map<String, Double> thresholds,
        Map<String, Double> effectiveThresholds, Instant createdAt, Instant updatedAt) {
}
