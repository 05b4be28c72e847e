/**
 * The roster: programmes, staff, therapy groups and participants with their peer mentor,
 * counsellor, supervisor and consent. Alerts are routed and caseloads drawn from what is here.
 */
package org.saathi.roster;
