package org.saathi.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The PostgreSQL that the service starts for itself when no server is configured. */
class EmbeddedDatabaseTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, EmbeddedDatabaseConfiguration.class);

    @Test
    void dataSurvivesARestart(@TempDir Path folder) throws Exception {
        EmbeddedDatabaseSettings settings = new EmbeddedDatabaseSettings(folder, 0, false);
        try (EmbeddedDatabase first = EmbeddedDatabase
                .start(settings)) {
            execute(first, "CREATE TABLE kept (id int PRIMARY KEY, note text)");
            execute(first, "INSERT INTO kept VALUES (42, 'still here')");
        }
        assertThat(folder.resolve("PG_VERSION")).as("a persistent folder stays after close").exists();

        try (EmbeddedDatabase second = EmbeddedDatabase
                .start(settings)) {
            assertThat(second.dataDirectory()).isEqualTo(folder.toAbsolutePath().normalize());
            assertThat(queryText(second, "SELECT note FROM kept WHERE id = 42")).isEqualTo("still here");
        }
    }

    @Test
    void aServerLeftRunningByAKilledServiceIsStoppedAndItsDataKept(@TempDir Path folder) throws Exception {
        EmbeddedDatabaseSettings settings = new EmbeddedDatabaseSettings(folder, 0, false);
        try (EmbeddedDatabase first = EmbeddedDatabase
                .start(settings)) {
            execute(first, "CREATE TABLE kept (id int PRIMARY KEY, note text)");
            execute(first, "INSERT INTO kept VALUES (7, 'written before the kill')");
        }
        // Another process starts the database on the folder and is killed: its server stays behind.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process service = new ProcessBuilder(java, "-cp", classpath, LeftoverDatabase.class.getName(),
                folder.toString()).redirectErrorStream(true).start();
        java.io.BufferedReader output = new java.io.BufferedReader(new java.io.InputStreamReader(service.getInputStream()));
        String line;
        while ((line = output.readLine()) != null && !line.equals("started")) {
            // wait until its database is up
        }
        service.destroyForcibly().waitFor();
        assertThat(folder.resolve("postmaster.pid")).as("the killed service's server is still running").exists();

        try (EmbeddedDatabase next = EmbeddedDatabase
                .start(settings)) {
            assertThat(queryText(next, "SELECT note FROM kept WHERE id = 7")).isEqualTo("written before the kill");
        }
    }

    @Test
    void aSecondStartOnAFolderInUseRefusesInOneLineAndLeavesTheFirstRunning(@TempDir Path folder) throws Exception {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(new EmbeddedDatabaseSettings(folder, 0, false))) {
            execute(first, "CREATE TABLE kept (id int PRIMARY KEY, note text)");
            // The whole service, started again on the same folder in another process.
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process second = new ProcessBuilder(java, "-cp", classpath, "org.saathi.SaathiApplication",
                    "--saathi.embedded-database.data-directory=" + folder, "--server.port=0")
                    .redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(second.exitValue()).as(output).isNotZero();
            assertThat(output.lines().filter(line -> line.contains("in use by another running Saathi (process "
                    + ProcessHandle.current().pid() + ")") && line.contains("SAATHI_EMBEDDED_DATABASE_DATA_DIRECTORY")))
                    .as(output).hasSize(1);
            assertThat(output).as("no stack trace").doesNotContain("\tat ").doesNotContain("left running");
            execute(first, "INSERT INTO kept VALUES (1, 'the first still works')");
            assertThat(queryText(first, "SELECT note FROM kept WHERE id = 1")).isEqualTo("the first still works");
        }
    }

    @Test
    void ofTwoSimultaneousFirstStartsOnANewFolderOnlyOneCreatesTheDatabase(@TempDir Path parent) throws Exception {
        Path folder = parent.resolve("postgres");
        EmbeddedDatabaseSettings settings = new EmbeddedDatabaseSettings(folder, 0, false);
        CountDownLatch ready = new CountDownLatch(2);
        Callable<EmbeddedDatabase> start = () -> {
            ready.countDown();
            ready.await();
            return EmbeddedDatabase.start(settings);
        };
        ExecutorService starts = Executors.newFixedThreadPool(2);
        try {
            List<Future<EmbeddedDatabase>> both = starts.invokeAll(List.of(start, start));
            List<EmbeddedDatabase> started = new ArrayList<>();
            List<Throwable> refused = new ArrayList<>();
            for (Future<EmbeddedDatabase> each : both) {
                try {
                    started.add(each.get());
                } catch (ExecutionException failed) {
                    refused.add(failed.getCause());
                }
            }
            try {
                assertThat(refused).singleElement().isInstanceOf(DataFolderInUseException.class);
                assertThat(started).hasSize(1);
                execute(started.get(0), "CREATE TABLE kept (id int PRIMARY KEY)");
            } finally {
                for (EmbeddedDatabase database : started) {
                    database.close();
                }
            }
        } finally {
            starts.shutdownNow();
        }
        assertThat(parent).as("nothing left beside the folder").isDirectoryNotContaining(file -> !file.equals(folder));
    }

    @Test
    void ephemeralDatabaseIsRemovedOnClose(@TempDir Path configured) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase
                .start(new EmbeddedDatabaseSettings(configured, 0, true));
        Path folder = database.dataDirectory();
        try {
            assertThat(folder).as("a temporary folder, not the configured one")
                    .isNotEqualTo(configured.toAbsolutePath().normalize());
            assertThat(folder.resolve("PG_VERSION")).exists();
            assertThat(queryText(database, "SELECT 'up'")).isEqualTo("up");
        } finally {
            database.close();
        }

        assertThat(folder).doesNotExist();
        assertThat(configured).isEmptyDirectory();
    }

    @Test
    void startsNothingWhenADatabaseServerIsConfigured() {
        contexts.withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/none",
                        "saathi.embedded-database.ephemeral=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EmbeddedDatabase.class);
                    assertThat(context).doesNotHaveBean(DataSource.class);
                });
    }

    @Test
    void startsItsOwnDatabaseWhenNoServerIsConfigured() {
        AtomicReference<Path> folder = new AtomicReference<>();

        contexts.withPropertyValues("saathi.embedded-database.ephemeral=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(EmbeddedDatabase.class);
                    EmbeddedDatabase database =
                            context.getBean(EmbeddedDatabase.class);
                    folder.set(database.dataDirectory());
                    assertThat(context).getBean(DataSource.class).isInstanceOf(HikariDataSource.class);
                    HikariDataSource dataSource = context.getBean(HikariDataSource.class);
                    assertThat(dataSource.getJdbcUrl()).isEqualTo(database.jdbcUrl());
                    assertThat(JdbcClient.create(dataSource).sql("SELECT current_setting('port')::int")
                            .query(Integer.class).single()).isEqualTo(database.server().getPort());
                });

        assertThat(folder.get()).as("removed when the context closes").isNotNull().doesNotExist();
    }

    @Test
    void appliesHikariSettingsToTheEmbeddedDataSource() {
        contexts.withPropertyValues("saathi.embedded-database.ephemeral=true",
                        "spring.datasource.hikari.maximum-pool-size=3")
                .run(context -> assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(3));
    }

    @Test
    void refusesAPortOutOfRange(@TempDir Path folder) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EmbeddedDatabaseSettings(folder, 70000, false))
                .withMessageContaining("port");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EmbeddedDatabaseSettings.class)
    static class Settings {
    }

    private static void execute(EmbeddedDatabase database, String sql)
            throws SQLException {
        try (Connection connection = asOwner(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryText(EmbeddedDatabase database, String sql)
            throws SQLException {
        try (Connection connection = asOwner(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }

    private static Connection asOwner(EmbeddedDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), DatabaseRoles.OWNER, database.secret().owner());
    }
}
