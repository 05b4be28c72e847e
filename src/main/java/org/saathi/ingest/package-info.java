/**
 * Facts from integrations: check-ins, attendance, screenings and peer concerns. Each is validated,
 * stored once (idempotency keys and natural keys keep retries from doubling it), never changed,
 * and evaluated for alerts in the same transaction.
 */
@ApplicationModule(allowedDependencies = { "alert", "api", "facts", "roster", "security" })
package org.saathi.ingest;

import org.springframework.modulith.ApplicationModule;
