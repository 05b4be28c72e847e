/**
 * Who may do what: staff log in with a password (HTTP Basic for the API), integrations with a
 * key that carries scopes. Passwords and keys are stored only as hashes; a key is shown once.
 */
@ApplicationModule(allowedDependencies = { "api" })
package org.saathi.security;

import org.springframework.modulith.ApplicationModule;
