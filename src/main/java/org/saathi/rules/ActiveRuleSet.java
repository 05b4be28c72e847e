package org.saathi.rules;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.saathi.facts.Severity;
import org.saathi.roster.ThresholdCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rule set in force. It is compiled and its scenarios pass before the service starts, and a
 * reload replaces it only with a set that compiles and passes. An evaluation takes the set once,
 * at its start, so a reload never changes the rules under an evaluation in flight.
 */
@Component
class ActiveRuleSet implements ThresholdCatalogue, WhatToDo.Catalogue {

    private static final Logger log = LoggerFactory.getLogger(ActiveRuleSet.class);

    private final RuleSettings settings;
    private final RuleMetrics metrics;
    private final Clock clock;
    private final AtomicReference<CompiledRuleSet> active;

    ActiveRuleSet(RuleSettings settings, RuleMetrics metrics, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.active = new AtomicReference<>(loadAtStart());
    }

    CompiledRuleSet current() {
        return active.get();
    }

    /** Compiles the folder as it is now and, if it passes, makes it active; otherwise changes nothing. */
    synchronized CompiledRuleSet reload() {
        CompiledRuleSet loaded;
        try {
            loaded = load("Reloaded");
        } catch (RuntimeException refused) {
            metrics.reload(false);
            throw refused;
        }
        active.set(loaded);
        metrics.reload(true);
        return loaded;
    }

    @Override
    public Map<String, ThresholdCatalogue.Spec> thresholds() {
        return current().thresholdSpecs();
    }

    /** From the set in force now, so that a reworded response shows on alerts already open. */
    @Override
    public Optional<WhatToDo> whatToDo(String ruleId, Severity severity) {
        return current().responses().whatToDo(ruleId, severity);
    }

    private CompiledRuleSet loadAtStart() {
        try {
            return load("Loaded");
        } catch (RuleSetInvalid invalid) {
            throw new RuleSetRefusedAtStart(settings.directory().toAbsolutePath().normalize(), invalid);
        }
    }

    private CompiledRuleSet load(String verb) {
        long started = System.nanoTime();
        CompiledRuleSet loaded = RuleSetLoader.load(settings.directory(), settings.window(), settings.baseline(),
                clock.instant());
        log.info("{} rule set {} from {}: {} rules, {} scenarios passed, in {} ms", verb, loaded.version(),
                settings.directory().toAbsolutePath().normalize(), loaded.rules().size(), loaded.scenarios().size(),
                (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }
}
