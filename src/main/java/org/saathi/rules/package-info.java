/**
 * The rule sets: DRL files and thresholds read from the {@code rules/} folder on disk, compiled,
 * checked against their scenario tests, and only then made active. The engine takes a participant's
 * recorded facts, their thresholds and a moment, and answers what the rules find (signals and their
 * escalation actions); it reads no table and raises no alert, so that live evaluation and a
 * backtest's replay run the same rules the same way.
 */
@ApplicationModule(allowedDependencies = { "api", "facts", "roster", "security" })
package org.saathi.rules;

import org.springframework.modulith.ApplicationModule;
