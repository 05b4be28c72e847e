/**
 * A participant's timeline: their facts, the signals rules found in them and what staff and the
 * escalation ladder did about each alert, in time order, for the staff whose caseload holds them.
 * The API and the participant page both read it here; each feature keeps its own records.
 */
@ApplicationModule(allowedDependencies = { "alert", "api", "ingest", "roster", "security" })
package org.saathi.timeline;

import org.springframework.modulith.ApplicationModule;
