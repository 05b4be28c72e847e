/**
 * Alerts: what the rules found, turned into one alert per participant and rule while it is open,
 * with its evidence, the people asked to act (and why them), an acknowledgement deadline and a
 * full history. New evidence joins an open alert; only new evidence or a higher severity raises one.
 */
@ApplicationModule(allowedDependencies = { "api", "facts", "notify", "roster", "rules", "security" })
package org.saathi.alert;

import org.springframework.modulith.ApplicationModule;
