/**
 * Backtests: replaying facts through the active or a candidate rule set, as of every moment a fact
 * arrived and at a regular step, with the live service's deduplication, inhibition and escalation,
 * writing nothing and sending nothing. The answer is the alert budget a rule set would have cost
 * (per rule, week and recipient) and how early its alerts came before relapses. Stored facts are
 * replayed through the API and the staff page; a JSON-lines file of facts, without a server,
 * through the command line ({@link org.saathi.backtest.command}); the replay engine stays here.
 * Backtests started on a server are kept in the database with their answers, so that any instance
 * of the service answers for them.
 */
@ApplicationModule(allowedDependencies = { "alert", "api", "facts", "ingest", "roster", "rules", "security" })
package org.saathi.backtest;

import org.springframework.modulith.ApplicationModule;
