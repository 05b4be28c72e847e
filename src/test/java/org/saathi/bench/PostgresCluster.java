package org.saathi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The machine's PostgreSQL 15 cluster, with a login and two databases made for this run: one for
 * the service and one for pgbench's baseline. It is started only when it was not running, and then
 * stopped again at the end; a cluster that was already running is left running. The databases and
 * the login are dropped at the end either way.
 */
final class PostgresCluster implements AutoCloseable {

    static final String USER = "saathi_bench";
    static final String SERVICE_DATABASE = "saathi_bench";
    static final String BASELINE_DATABASE = "saathi_bench_baseline";
    private static final String VERSION = "15";
    private static final String NAME = "main";

    private final boolean startedHere;
    private final Path dataDirectory;
    private final int port;
    private final String password;
    private final boolean statements;
    // An interrupted run (Ctrl-C) still stops the server it started.
    private final Thread stopOnExit = new Thread(() -> Commands.run(List.of("pg_ctlcluster", VERSION, NAME, "stop"),
            Map.of()));

    private PostgresCluster(boolean startedHere, Path dataDirectory, int port, String password, boolean statements) {
        this.startedHere = startedHere;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.password = password;
        this.statements = statements;
    }

    /** With {@code statements}, a cluster started here loads pg_stat_statements for the profile. */
    static PostgresCluster start(boolean statements) {
        boolean running = Commands.run(List.of("pg_ctlcluster", VERSION, NAME, "status"), Map.of()).exitCode() == 0;
        if (!running) {
            List<String> start = new ArrayList<>(List.of("pg_ctlcluster", VERSION, NAME, "start"));
            if (statements) {
                start.addAll(List.of("--", "-o", "-c shared_preload_libraries=pg_stat_statements"));
            }
            Commands.succeed(start, Map.of());
        }
        String[] cluster = Commands.succeed("pg_lsclusters", "-h").lines()
                .map(line -> line.strip().split("\\s+"))
                .filter(columns -> columns[0].equals(VERSION) && columns[1].equals(NAME))
                .findFirst().orElseThrow(() -> new IllegalStateException("no PostgreSQL 15 cluster 'main'"));
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        PostgresCluster server = new PostgresCluster(!running, Path.of(cluster[5]), Integer.parseInt(cluster[2]),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret), statements);
        if (server.startedHere) {
            Runtime.getRuntime().addShutdownHook(server.stopOnExit);
        }
        server.createDatabases();
        return server;
    }

    private void createDatabases() {
        dropDatabases();
        asPostgres("postgres", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'",
                "CREATE DATABASE " + SERVICE_DATABASE + " OWNER " + USER,
                "CREATE DATABASE " + BASELINE_DATABASE + " OWNER " + USER);
        if (statements && preloadsStatements()) {
            asPostgres(SERVICE_DATABASE, "CREATE EXTENSION pg_stat_statements",
                    "GRANT pg_read_all_stats TO " + USER);
        }
    }

    private void dropDatabases() {
        asPostgres("postgres", "DROP DATABASE IF EXISTS " + SERVICE_DATABASE + " WITH (FORCE)",
                "DROP DATABASE IF EXISTS " + BASELINE_DATABASE + " WITH (FORCE)", "DROP ROLE IF EXISTS " + USER);
    }

    boolean preloadsStatements() {
        return asPostgres("postgres", "SHOW shared_preload_libraries").contains("pg_stat_statements");
    }

    boolean startedHere() {
        return startedHere;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + SERVICE_DATABASE;
    }

    String password() {
        return password;
    }

    long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    int port() {
        return port;
    }

    String version() {
        return asPostgres("postgres", "SHOW server_version").strip();
    }

    /** For the login of this run, over TCP like the service and pgbench: the environment that lets them in. */
    Map<String, String> clientEnvironment() {
        return Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(port), "PGUSER", USER, "PGPASSWORD", password);
    }

    /** Each statement on its own (so that CREATE DATABASE is not in a transaction); answers the rows, unaligned. */
    String asPostgres(String database, String... statements) {
        return Commands.succeed(psql(List.of("runuser", "-u", "postgres", "--"), database, statements), Map.of());
    }

    String asBenchUser(String database, String... statements) {
        return Commands.succeed(psql(List.of(), database, statements), clientEnvironment());
    }

    private List<String> psql(List<String> prefix, String database, String... statements) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-p", String.valueOf(port),
                "-d", database));
        for (String statement : statements) {
            command.add("-c");
            command.add(statement);
        }
        return command;
    }

    @Override
    public void close() {
        try {
            dropDatabases();
        } finally {
            if (startedHere) {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
                Commands.succeed("pg_ctlcluster", VERSION, NAME, "stop");
            }
        }
    }
}
