package org.saathi.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

/**
 * Starts PostgreSQL inside the service when {@code spring.datasource.url} is not set. With a URL
 * set, this configuration does nothing and Spring Boot connects to that server as usual.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseSettings settings) throws IOException {
        return EmbeddedDatabase.start(settings);
    }

    /** Closed before the server stops, since it depends on it. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername("postgres");
        dataSource.setPoolName("saathi-embedded");
        return dataSource;
    }

    /** A running embedded server and the folder that holds its data. */
    record EmbeddedDatabase(EmbeddedPostgres server, Path dataDirectory, boolean ephemeral) implements AutoCloseable {

        static EmbeddedDatabase start(EmbeddedDatabaseSettings settings) throws IOException {
            boolean ephemeral = settings.ephemeral();
            Path directory = ephemeral
                    ? Files.createTempDirectory("saathi-db-")
                    : settings.dataDirectory().toAbsolutePath().normalize();
            Files.createDirectories(directory);
            stopLeftoverServer(directory);
            boolean existing = Files.exists(directory.resolve("PG_VERSION"));
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(settings.port())
                    .setRegisterShutdownHook(ephemeral)
                    .setServerConfig("max_connections", "100")
                    .start();
            if (ephemeral) {
                log.info("Embedded PostgreSQL started on port {} with a temporary database", server.getPort());
            } else {
                log.info("Embedded PostgreSQL started on port {} with {} data in {} "
                                + "(set SPRING_DATASOURCE_URL to use a PostgreSQL server instead)",
                        server.getPort(), existing ? "existing" : "new", directory);
            }
            return new EmbeddedDatabase(server, directory, ephemeral);
        }

        /**
         * A service killed without shutting down leaves its database server running on the folder,
         * which would keep this start from using it: stop that server first.
         */
        private static void stopLeftoverServer(Path directory) throws IOException {
            Path pidFile = directory.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            if (!firstLine.matches("\\d+")) {
                return;
            }
            ProcessHandle.of(Long.parseLong(firstLine))
                    .filter(process -> process.info().commandLine().map(command -> command.contains("postgres")
                            && command.contains(directory.toString())).orElse(false))
                    .ifPresent(leftover -> {
                        log.warn("A database server left running by an earlier start (pid {}) holds {}; stopping it",
                                leftover.pid(), directory);
                        leftover.destroy();
                        leftover.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
                    });
        }

        String jdbcUrl() {
            return server.getJdbcUrl("postgres", "postgres");
        }

        @Override
        public void close() throws IOException {
            server.close();
            if (ephemeral) {
                FileSystemUtils.deleteRecursively(dataDirectory);
            }
        }
    }
}
