package org.saathi.facts;

public enum AttendanceStatus { ATTENDED, LATE, LEFT_EARLY, EXCUSED, ABSENT }
