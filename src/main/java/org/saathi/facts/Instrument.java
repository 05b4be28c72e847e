package org.saathi.facts;

/** The screenings a programme sends: the PHQ-9, the Brief Addiction Monitor, and a drug screen's result. */
public enum Instrument { PHQ9, BAM, DRUG_SCREEN }
