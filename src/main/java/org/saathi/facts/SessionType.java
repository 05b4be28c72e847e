package org.saathi.facts;

public enum SessionType { GROUP_THERAPY, PEER_MEETING, COUNSELLING, MEDICATION }
