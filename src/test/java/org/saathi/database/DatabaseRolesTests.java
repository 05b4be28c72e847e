package org.saathi.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;

/** Who may connect to the embedded database, and what the service's own role may do there. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseRolesTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, EmbeddedDatabaseConfiguration.class, ServiceRoleConfiguration.class)
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class));

    @Test
    void theServiceRoleAddsToTheAuditLogButCannotChangeOrEscapeIt() {
        contexts.withPropertyValues("saathi.embedded-database.ephemeral=true").run(context -> {
            JdbcClient service = JdbcClient.create(context.getBean(DataSource.class));
            assertThat(service.sql("SELECT current_user").query(String.class).single()).isEqualTo(DatabaseRoles.SERVICE);
            assertThat(service.sql("""
                    INSERT INTO audit_event (at, actor, action, channel) VALUES (now(), 'someone', 'LOOKED', 'API')""")
                    .update()).isEqualTo(1);
            assertThat(service.sql("SELECT count(*) FROM audit_event").query(Long.class).single()).isEqualTo(1);

            refused(service, "TRUNCATE audit_event", "permission denied");
            refused(service, "DELETE FROM audit_event", "permission denied");
            refused(service, "UPDATE audit_event SET actor = 'someone-else'", "permission denied");
            refused(service, "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only", "must be owner");
            refused(service, "DROP TABLE audit_event", "must be owner");
            refused(service, "SET session_replication_role = replica", "permission denied");
            refused(service, "COPY (SELECT 1) TO PROGRAM 'true'", "permission denied");
            refused(service, "DELETE FROM flyway_schema_history", "permission denied");
            assertThat(service.sql("SELECT count(*) FROM audit_event").query(Long.class).single()).isEqualTo(1);
            assertThat(ServiceRoleCheck.warning(service)).isEmpty();

            EmbeddedDatabase database = context.getBean(EmbeddedDatabase.class);
            JdbcClient owner = as(database, DatabaseRoles.OWNER, database.secret().owner());
            refused(owner, "DELETE FROM audit_event", "append-only");
            refused(owner, "TRUNCATE audit_event", "append-only");
        });
    }

    @Test
    void refusesAConnectionWithoutThePasswordAndRunsDurablyOnThisMachineOnly(@TempDir Path folder) throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(new EmbeddedDatabaseSettings(folder, 0, false))) {
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl() + "?user=postgres").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            JdbcClient owner = as(database, DatabaseRoles.OWNER, database.secret().owner());
            assertThat(owner.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
            assertThat(owner.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
            assertThat(owner.sql("SHOW listen_addresses").query(String.class).single()).isEqualTo("localhost");
            assertThat(owner.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                    .query(Boolean.class).single()).isFalse();
        }
    }

    @Test
    void keepsTheSecretReadableByThisUserOnlyAndNeverLogsIt(@TempDir Path folder, CapturedOutput output) throws Exception {
        EmbeddedDatabaseSettings settings = new EmbeddedDatabaseSettings(folder, 0, false);
        DatabaseSecret secret;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(settings)) {
            secret = database.secret();
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(settings)) {
            assertThat(again.secret().service()).as("the same secret on the next start").isEqualTo(secret.service());
        }
        Path file = folder.resolve(DatabaseSecret.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains(secret.superuser(), secret.owner(), secret.service());
        assertThat(output.getAll()).doesNotContain(secret.superuser()).doesNotContain(secret.owner())
                .doesNotContain(secret.service());
        try (var temporary = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(temporary.filter(Files::isRegularFile).map(Path::toString))
                    .as("initdb's password file is gone").noneMatch(name -> name.contains("saathi-") && name.endsWith(".tmp")
                            && readQuietly(Path.of(name)).contains(secret.superuser()));
        }
    }

    @Test
    void upgradesAFolderCreatedWithoutPasswordsAndKeepsItsData(@TempDir Path folder) throws Exception {
        // As the previous version left it: every local connection trusted, tables owned by the superuser.
        try (EmbeddedPostgres previous = EmbeddedPostgres.builder().setDataDirectory(folder)
                .setCleanDataDirectory(false).start()) {
            String url = previous.getJdbcUrl("postgres", "postgres");
            // (which had no service role: the grants after migrating have no one to grant to)
            Flyway.configure().dataSource(url, "postgres", null).target("8")
                    .placeholders(Map.of("service_role", "")).load().migrate();
            JdbcClient.create(new SingleConnectionDataSource(url, true)).sql("""
                    INSERT INTO audit_event (at, actor, action, channel) VALUES (now(), 'before', 'LOOKED', 'API')""")
                    .update();
        }

        contexts.withPropertyValues("saathi.embedded-database.data-directory=" + folder).run(context -> {
            assertThat(context).hasNotFailed();
            JdbcClient service = JdbcClient.create(context.getBean(DataSource.class));
            assertThat(service.sql("SELECT actor FROM audit_event").query(String.class).single()).isEqualTo("before");
            refused(service, "DELETE FROM audit_event", "permission denied");
            EmbeddedDatabase database = context.getBean(EmbeddedDatabase.class);
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl() + "?user=postgres").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
        });
        assertThat(folder.resolve(DatabaseSecret.FILE)).exists();
    }

    @Test
    void aRoleCreatedWhileAnOldFolderTrustedEveryoneCannotConnectAfterTheUpgrade(@TempDir Path folder,
            CapturedOutput output) throws Exception {
        try (EmbeddedPostgres previous = EmbeddedPostgres.builder().setDataDirectory(folder)
                .setCleanDataDirectory(false).start()) {
            JdbcClient.create(new SingleConnectionDataSource(previous.getJdbcUrl("postgres", "postgres"), true))
                    .sql("CREATE ROLE intruder LOGIN SUPERUSER PASSWORD 'x'").update();
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(new EmbeddedDatabaseSettings(folder, 0, false))) {
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "intruder", "x").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("no pg_hba.conf entry");
        }
        assertThat(output.getAll().lines().filter(line -> line.contains("login roles it did not create")))
                .singleElement().asString().contains("[intruder]");
    }

    @Test
    void aServiceRoleSplitOffAfterTheMigrationsRanGetsItsGrantsOnEveryStart() throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.start(new EmbeddedDatabaseSettings(Path.of("."), 0, true))) {
            // Migrated while one role both migrated and served: nothing was granted then.
            Flyway.configure().dataSource(server.jdbcUrl(), DatabaseRoles.OWNER, server.secret().owner())
                    .placeholders(Map.of("service_role", DatabaseRoles.OWNER)).load().migrate();
            ApplicationContextRunner split = contexts.withPropertyValues("spring.datasource.url=" + server.jdbcUrl(),
                    "spring.datasource.username=" + DatabaseRoles.SERVICE,
                    "spring.datasource.password=" + server.secret().service(),
                    "spring.flyway.user=" + DatabaseRoles.OWNER, "spring.flyway.password=" + server.secret().owner());
            for (String start : List.of("first", "second")) {
                split.run(context -> {
                    assertThat(context).as(start).hasNotFailed();
                    JdbcClient service = JdbcClient.create(context.getBean(DataSource.class));
                    assertThat(service.sql("""
                            INSERT INTO audit_event (at, actor, action, channel) VALUES (now(), :start, 'LOOKED', 'API')""")
                            .param("start", start).update()).as(start).isEqualTo(1);
                    refused(service, "DELETE FROM audit_event", "permission denied");
                    refused(service, "SELECT * FROM flyway_schema_history", "permission denied");
                    assertThat(ServiceRoleCheck.warning(service)).as(start).isEmpty();
                });
            }
        }
    }

    @Test
    void warnsWhenTheServiceRoleMayCreateRolesOrReachFilesOnTheServer() throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.start(new EmbeddedDatabaseSettings(Path.of("."), 0, true))) {
            JdbcClient superuser = as(server, DatabaseRoles.SUPERUSER, server.secret().superuser());
            superuser.sql("ALTER ROLE saathi_service CREATEROLE").update();
            superuser.sql("GRANT pg_read_server_files TO saathi_service").update();

            assertThat(ServiceRoleCheck.warning(as(server, DatabaseRoles.SERVICE, server.secret().service())))
                    .hasValueSatisfying(warning -> assertThat(warning)
                            .startsWith("The database role the service connects as (saathi_service) may create roles")
                            .contains("read and write files on the database server"));
        }
    }

    @Test
    void warnsWhenTheServiceConnectsToAConfiguredServerAsASuperuser(CapturedOutput output) throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.start(new EmbeddedDatabaseSettings(Path.of("."), 0, true))) {
            contexts.withPropertyValues("spring.datasource.url=" + server.jdbcUrl(),
                    "spring.datasource.username=postgres", "spring.datasource.password=" + server.secret().superuser())
                    .run(context -> {
                        assertThat(context).as("one role both migrates and serves").hasNotFailed();
                        assertThat(context).doesNotHaveBean(EmbeddedDatabase.class);
                    });
        }
        assertThat(output.getAll()).contains("The database role the service connects as (postgres) is a superuser");
    }

    private static void refused(JdbcClient jdbc, String sql, String reason) {
        assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql)
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining(reason);
    }

    private static JdbcClient as(EmbeddedDatabase database, String role, String password) {
        return JdbcClient.create(new SingleConnectionDataSource(database.jdbcUrl(), role, password, true));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception unreadable) {
            return "";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EmbeddedDatabaseSettings.class)
    static class Settings {
    }
}
