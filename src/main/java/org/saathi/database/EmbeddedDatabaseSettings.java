package org.saathi.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL, used only when no database server is configured.
 *
 * @param dataDirectory where the database files live; they survive a restart
 * @param port the port to listen on, 0 for any free port
 * @param ephemeral start from an empty database in a temporary folder removed at shutdown
 */
@ConfigurationProperties("saathi.embedded-database")
record EmbeddedDatabaseSettings(
        @DefaultValue("./data/postgres") Path dataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("false") boolean ephemeral) {

    EmbeddedDatabaseSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("saathi.embedded-database.port must be 0 to 65535");
        }
    }
}
