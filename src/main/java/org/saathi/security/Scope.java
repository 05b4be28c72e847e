package org.saathi.security;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an integration key may do: post facts, maintain the roster, or read the metrics (a scraper). */
public enum Scope {
    @JsonProperty("ingest") INGEST,
    @JsonProperty("roster") ROSTER,
    @JsonProperty("metrics") METRICS;

    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    String authority() {
        return "SCOPE_" + wire();
    }

    static Scope fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return wire();
    }
}
