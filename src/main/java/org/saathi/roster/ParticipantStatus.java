package org.saathi.roster;

/** Only active participants are evaluated; facts for a discharged one are refused. */
public enum ParticipantStatus { ACTIVE, DISCHARGED }
