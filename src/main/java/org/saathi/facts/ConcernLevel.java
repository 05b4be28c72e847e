package org.saathi.facts;

public enum ConcernLevel { LOW, MEDIUM, HIGH }
