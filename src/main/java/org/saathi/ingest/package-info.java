/**
 * Facts from integrations: check-ins, attendance, screenings and peer concerns. Each is validated,
 * stored once (idempotency keys and natural keys keep retries from doubling it), never changed,
 * and evaluated for alerts in the same transaction. Evaluation is here, one way for every fact and
 * for the sweep that looks at every active participant once a round: read the window of facts, run
 * the rules over it, hand the findings to the alerts.
 */
@ApplicationModule(allowedDependencies = { "alert", "api", "facts", "roster", "rules", "security" })
package org.saathi.ingest;

import org.springframework.modulith.ApplicationModule;
