package org.saathi.bench;

import java.util.Optional;

/**
 * One line of the result table: what was measured, what it is compared with, and whether the
 * performance target was met (empty when the figure has no target of its own).
 */
record Figure(String name, String measured, String against, Optional<Boolean> met) {

    static Figure info(String name, String measured, String against) {
        return new Figure(name, measured, against, Optional.empty());
    }

    static Figure target(String name, String measured, String against, boolean met) {
        return new Figure(name, measured, against, Optional.of(met));
    }

    static Figure failed(String name, String why) {
        return new Figure(name, "not measured", why, Optional.of(false));
    }

    String verdict() {
        return met.map(ok -> ok ? "met" : "MISSED").orElse("");
    }
}
