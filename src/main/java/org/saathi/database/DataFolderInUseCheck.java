package org.saathi.database;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Refuses a start on an embedded database folder that a running service holds before anything
 * else starts, so that the refusal is the one line the failure report prints. The lock itself is
 * taken when the database starts, which refuses a start that races past this check too.
 */
class DataFolderInUseCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Environment environment = context.getEnvironment();
        if (!environment.getProperty("spring.datasource.url", "").isEmpty()) {
            return;
        }
        EmbeddedDatabaseSettings settings = Binder.get(environment)
                .bindOrCreate("saathi.embedded-database", EmbeddedDatabaseSettings.class);
        if (settings.ephemeral()) {
            return;
        }
        try {
            DataFolderLock.check(settings.dataDirectory().toAbsolutePath().normalize());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
