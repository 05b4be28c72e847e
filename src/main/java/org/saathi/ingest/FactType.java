package org.saathi.ingest;

public enum FactType { CHECK_IN, ATTENDANCE, SCREENING, PEER_CONCERN }
