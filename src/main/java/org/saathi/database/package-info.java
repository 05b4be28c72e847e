/**
 * The database the service runs on. Without a configured server ({@code SPRING_DATASOURCE_URL}),
 * the service starts its own PostgreSQL with data kept on disk, so that a newcomer or a small
 * programme can run Saathi with nothing else installed.
 */
@ApplicationModule(allowedDependencies = {})
package org.saathi.database;

import org.springframework.modulith.ApplicationModule;
