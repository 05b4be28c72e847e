/**
 * The staff page: the alert queue, why an alert fired and what to do about it, a participant's
 * timeline, the rules and their backtests, and the admin pages. It reads and acts only through the
 * other features' services, so the caseload and the audit log apply here exactly as in the API.
 */
@ApplicationModule(allowedDependencies = {
        "alert", "api", "backtest", "facts", "notify", "roster", "rules", "security", "timeline"
})
package org.saathi.web;

import org.springframework.modulith.ApplicationModule;
