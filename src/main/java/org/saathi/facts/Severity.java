package org.saathi.facts;

/** How soon someone must act, in rising order. */
public enum Severity {
    WATCH, WARNING, URGENT, CRITICAL;

    /** One level higher, but never CRITICAL: that is kept for risk to life, which one rule decides. */
    public Severity raisedBelowCritical() {
        return this == WATCH ? WARNING : URGENT;
    }

    public boolean isAbove(Severity other) {
        return compareTo(other) > 0;
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
