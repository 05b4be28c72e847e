/**
 * The vocabulary that rules are written in: the facts a participant has produced (check-ins,
 * attendance, screenings, peer concerns), what is derived from them (baseline, check-in gap),
 * the programme's thresholds, and what rules produce (signals and escalation actions).
 * A DRL file needs one line to use all of it: {@code import org.saathi.facts.*;}
 */
@ApplicationModule(allowedDependencies = {})
package org.saathi.facts;

import org.springframework.modulith.ApplicationModule;
