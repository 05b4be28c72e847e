package org.saathi.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/** A running embedded server, the folder that holds its data, and the lock that says this service owns it. */
record EmbeddedDatabase(EmbeddedPostgres server, Path dataDirectory, boolean ephemeral, DatabaseSecret secret,
        DataFolderLock lock) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    static EmbeddedDatabase start(EmbeddedDatabaseSettings settings) throws IOException {
        boolean ephemeral = settings.ephemeral();
        Path directory = ephemeral
                ? Files.createTempDirectory("saathi-db-")
                : settings.dataDirectory().toAbsolutePath().normalize();
        Files.createDirectories(directory);
        if (ephemeral || Files.exists(directory.resolve("PG_VERSION"))) {
            return start(settings, directory);
        }
        // Two first starts on a new folder must not both create its database.
        DataFolderLock creating = DataFolderLock.takeBeside(directory);
        try {
            EmbeddedDatabase database = start(settings, directory);
            if (creating != null) {
                creating.remove();
            }
            return database;
        } finally {
            if (creating != null) {
                creating.close();
            }
        }
    }

    private static EmbeddedDatabase start(EmbeddedDatabaseSettings settings, Path directory) throws IOException {
        boolean ephemeral = settings.ephemeral();
        boolean existing = Files.exists(directory.resolve("PG_VERSION"));
        // initdb needs an empty folder: a new one is locked as soon as it holds a database.
        AtomicReference<DataFolderLock> lock = new AtomicReference<>(existing ? DataFolderLock.take(directory) : null);
        try {
            if (existing) {
                stopLeftoverServer(directory);
            }
            Optional<DatabaseSecret> kept = existing ? DatabaseSecret.read(directory) : Optional.empty();
            DatabaseSecret secret = kept.orElseGet(DatabaseSecret::generate);
            if (existing && kept.isEmpty()) {
                upgrade(directory, settings.port(), secret, lock);
            }
            EmbeddedPostgres server = EmbeddedServer.start(directory, settings.port(), ephemeral, secret,
                    folder -> prepare(folder, secret, false, lock));
            EmbeddedDatabase database = new EmbeddedDatabase(server, directory, ephemeral, secret, lock.get());
            configureRoles(server, secret, false);
            logStart(database, existing);
            return database;
        } catch (IOException | RuntimeException failed) {
            if (lock.get() != null) {
                lock.get().close();
            }
            throw failed;
        }
    }

    /** Run before every start of the server: takes a new folder's lock, and says who may connect. */
    private static void prepare(Path folder, DatabaseSecret secret, boolean upgrading,
            AtomicReference<DataFolderLock> lock) {
        try {
            if (lock.get() == null) {
                lock.set(DataFolderLock.take(folder));
            }
            if (!upgrading && !Files.exists(folder.resolve(DatabaseSecret.FILE))) {
                secret.write(folder);
            }
            DatabaseRoles.writeClientAuthentication(folder, upgrading);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * A folder an earlier version created trusted every local connection and has no secret: one
     * start as before gives every role a password; the secret is kept only once they have one.
     */
    private static void upgrade(Path directory, int port, DatabaseSecret secret,
            AtomicReference<DataFolderLock> lock) throws IOException {
        log.info("Embedded PostgreSQL in {} was created without passwords; giving its roles generated ones", directory);
        EmbeddedPostgres server = EmbeddedServer.start(directory, port, false, secret,
                folder -> prepare(folder, secret, true, lock));
        try {
            configureRoles(server, secret, true);
            secret.write(directory);
        } finally {
            server.close();
        }
    }

    private static void configureRoles(EmbeddedPostgres server, DatabaseSecret secret, boolean upgrading)
            throws IOException {
        try {
            DatabaseRoles.configure(jdbcUrl(server), secret, upgrading);
        } catch (SQLException failed) {
            server.close();
            throw new IOException("could not set up the roles of the embedded database", failed);
        }
    }

    private static void logStart(EmbeddedDatabase database, boolean existing) {
        if (database.ephemeral()) {
            log.info("Embedded PostgreSQL started on port {} with a temporary database", database.server().getPort());
        } else {
            log.info("Embedded PostgreSQL started on port {} with {} data in {} "
                            + "(set SPRING_DATASOURCE_URL to use a PostgreSQL server instead)",
                    database.server().getPort(), existing ? "existing" : "new", database.dataDirectory());
        }
    }

    /**
     * A service killed without shutting down leaves its database server running on the folder,
     * which would keep this start from using it: stop that server, but only once its owner is gone
     * (this start holds the folder's lock, and no process holds the server's own).
     */
    private static void stopLeftoverServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        if (DataFolderLock.serverOwnerAlive(directory)) {
            throw new DataFolderInUseException(directory, "unknown");
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        if (!firstLine.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(firstLine))
                .filter(process -> process.info().commandLine().map(command -> command.contains("postgres")
                        && command.contains(directory.toString())).orElse(false))
                .ifPresent(leftover -> {
                    log.warn("A database server left running by a service that has ended (pid {}) holds {}; stopping it",
                            leftover.pid(), directory);
                    leftover.destroy();
                    leftover.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
    }

    /** Without a user: every role connects with its own password. */
    String jdbcUrl() {
        return jdbcUrl(server);
    }

    private static String jdbcUrl(EmbeddedPostgres server) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
        if (ephemeral) {
            FileSystemUtils.deleteRecursively(dataDirectory);
        }
    }
}
