/**
 * What every endpoint shares: RFC 9457 problem responses for every kind of bad request, the
 * external id rule, the request body size limit, and the API documents that describe them.
 * Integrations can rely on one error shape whichever feature answered.
 */
@ApplicationModule(allowedDependencies = {})
package org.saathi.api;

import org.springframework.modulith.ApplicationModule;
