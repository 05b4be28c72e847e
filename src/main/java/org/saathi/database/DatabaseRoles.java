package org.saathi.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's roles and who may connect. The superuser is used only here, at start.
 * The owner owns the schema, its tables and the audit log, and is what migrations run as. The
 * service role may only read and change the records the service keeps, and only add to and read
 * the audit log (granted after every migration run): it cannot truncate it, disable its triggers, switch
 * replication roles or run commands on the server.
 */
final class DatabaseRoles {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);

    static final String SUPERUSER = "postgres";
    static final String OWNER = "saathi_owner";
    static final String SERVICE = "saathi_service";

    private static final String PASSWORDS_ONLY = """
            # Written by Saathi at every start of its embedded database: its own three roles only,
            # each with its password, and connections from this machine only.
            host    all     postgres,saathi_owner,saathi_service    127.0.0.1/32    scram-sha-256
            host    all     postgres,saathi_owner,saathi_service    ::1/128         scram-sha-256
            """;

    /**
     * A folder of an earlier version has a superuser without a password: it is trusted as before
     * (first rule wins) for the one start that gives it a password, then the server restarts without.
     */
    private static final String UPGRADING = """
            host    all     postgres    127.0.0.1/32    trust
            host    all     postgres    ::1/128         trust
            """;

    private static final String ROLES_AND_OWNERSHIP = """
            DO $$
            DECLARE
                item record;
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'saathi_owner') THEN
                    CREATE ROLE saathi_owner LOGIN;
                END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'saathi_service') THEN
                    CREATE ROLE saathi_service LOGIN;
                END IF;
                ALTER SCHEMA public OWNER TO saathi_owner;
                -- An earlier version created its tables as the superuser: they move to the owner.
                FOR item IN SELECT oid::regclass AS name FROM pg_class
                        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
                          AND relowner <> 'saathi_owner'::regrole
                LOOP
                    EXECUTE format('ALTER TABLE %s OWNER TO saathi_owner', item.name);
                END LOOP;
                FOR item IN SELECT oid::regprocedure AS name FROM pg_proc
                        WHERE pronamespace = 'public'::regnamespace AND proowner <> 'saathi_owner'::regrole
                LOOP
                    EXECUTE format('ALTER ROUTINE %s OWNER TO saathi_owner', item.name);
                END LOOP;
            END $$""";

    private DatabaseRoles() {
    }

    static void writeClientAuthentication(Path directory, boolean upgrading) throws IOException {
        Files.writeString(directory.resolve("pg_hba.conf"), upgrading ? UPGRADING + PASSWORDS_ONLY : PASSWORDS_ONLY);
    }

    /** Creates the roles if missing and sets their passwords (sent as SCRAM verifiers, never in clear). */
    static void configure(String jdbcUrl, DatabaseSecret secret, boolean upgrading) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, SUPERUSER, secret.superuser());
                Statement statement = connection.createStatement()) {
            statement.execute(ROLES_AND_OWNERSHIP);
            PGConnection server = connection.unwrap(PGConnection.class);
            if (upgrading) {
                server.alterUserPassword(SUPERUSER, secret.superuser().toCharArray(), "scram-sha-256");
                warnOfOtherLogins(statement);
            }
            server.alterUserPassword(OWNER, secret.owner().toCharArray(), "scram-sha-256");
            server.alterUserPassword(SERVICE, secret.service().toCharArray(), "scram-sha-256");
        }
    }

    /**
     * Roles that anyone on this machine could create while every local connection was trusted.
     * They can no longer connect (only the three roles above may), so they are left as they are for
     * the operator to judge: one of them may hold reports someone relies on, and a superuser among
     * them may have changed anything while the folder was open.
     */
    private static void warnOfOtherLogins(Statement statement) throws SQLException {
        List<String> others = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("""
                SELECT rolname FROM pg_roles WHERE rolcanlogin
                  AND rolname NOT IN ('postgres', 'saathi_owner', 'saathi_service') ORDER BY rolname""")) {
            while (rows.next()) {
                others.add(rows.getString(1));
            }
        }
        if (!others.isEmpty()) {
            log.warn("The embedded database has login roles it did not create, made while it trusted every local "
                    + "connection: {}; they can no longer connect, but check what they did and drop them", others);
        }
    }
}
