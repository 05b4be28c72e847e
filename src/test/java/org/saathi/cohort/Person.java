package org.saathi.cohort;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One synthetic participant: their pattern, the moment of their first use if they relapse (the
 * benchmark's ground truth), and their lines of the backtest's facts file, oldest first.
 */
record Person(String id, Pattern pattern, Optional<Instant> episodeAt, List<Map<String, Object>> lines) {

    Person {
        lines = List.copyOf(lines);
    }
}
