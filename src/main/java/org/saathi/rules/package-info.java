/**
 * The rule sets: DRL files and thresholds read from the {@code rules/} folder on disk, compiled,
 * checked against their scenario tests, and only then made active. Evaluation runs one
 * participant's recent facts through the active set, as of any moment, and hands the findings to
 * the alerts.
 */
@ApplicationModule(allowedDependencies = { "alert", "api", "facts", "ingest", "roster", "security" })
package org.saathi.rules;

import org.springframework.modulith.ApplicationModule;
