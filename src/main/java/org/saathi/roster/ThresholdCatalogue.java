package org.saathi.roster;

import java.util.Map;

/** The thresholds a programme may set: those the active rule set defines, with their defaults. */
public interface ThresholdCatalogue {

    Map<String, Double> defaults();
}
