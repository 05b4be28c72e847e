package org.saathi.roster;

import java.time.Instant;
import java.time.ZoneId;

/** A centre or programme; its thresholds for rules are kept beside it. */
record Programme(String id, String name, ZoneId timezone, boolean showDisplayNames, Instant createdAt,
        Instant updatedAt) {
}
