/**
 * The roster: programmes, staff, therapy groups and participants with their peer mentor,
 * counsellor, supervisor and consent. Alerts are routed and caseloads drawn from what is here.
 */
@ApplicationModule(allowedDependencies = { "api", "facts", "security" })
package org.saathi.roster;

import org.springframework.modulith.ApplicationModule;
