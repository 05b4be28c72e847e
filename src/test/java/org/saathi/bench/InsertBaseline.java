package org.saathi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgbench's rate of single-row inserts into a table shaped like the service's check-ins (same
 * columns, key, unique natural key and reference to a participant), one row per transaction, with
 * as many clients as the service's load has. The single check-in target's ratio is taken against this.
 */
final class InsertBaseline {

    record Rate(double transactionsPerSecond, double averageLatencyMs, String version) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private static final String TABLES = """
            CREATE TABLE participant (id text PRIMARY KEY, status text NOT NULL DEFAULT 'ACTIVE');
            INSERT INTO participant (id) SELECT 'P-' || g FROM generate_series(1, %d) g;
            CREATE TABLE check_in (
                id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                participant_id    text        NOT NULL REFERENCES participant (id),
                recorded_at       timestamptz NOT NULL,
                source            text        NOT NULL,
                craving           smallint    NOT NULL CHECK (craving BETWEEN 0 AND 10),
                mood              smallint    NOT NULL CHECK (mood BETWEEN 1 AND 10),
                stress            smallint    CHECK (stress BETWEEN 0 AND 10),
                sleep_hours       numeric(4, 2) CHECK (sleep_hours BETWEEN 0 AND 24),
                used_substance    boolean,
                medication_taken  boolean,
                triggers          text[]      NOT NULL DEFAULT '{}',
                note              text        CHECK (char_length(note) <= 2000),
                received_at       timestamptz NOT NULL,
                content_hash      text,
                UNIQUE (participant_id, recorded_at, source)
            );
            """;

    // One check-in per transaction; clock_timestamp() keeps the natural keys apart.
    private static final String SCRIPT = """
            \\set p random(1, :participants)
            \\set craving random(0, 10)
            \\set mood random(1, 10)
            \\set sleep random(6, 18)
            INSERT INTO check_in (participant_id, recorded_at, source, craving, mood, sleep_hours, used_substance, received_at, content_hash) VALUES ('P-' || :p, clock_timestamp(), 'pgbench', :craving, :mood, :sleep / 2.0, false, now(), md5(:p || '-' || :craving)) ON CONFLICT (participant_id, recorded_at, source) DO NOTHING RETURNING id;
            """;

    static Rate measure(PostgresCluster server, Options options) throws IOException {
        server.asBenchUser(PostgresCluster.BASELINE_DATABASE, TABLES.formatted(options.participants()));
        Path script = options.output().resolve("insert.sql");
        Files.writeString(script, SCRIPT);
        run(server, options, script, options.warmUp());
        String output = run(server, options, script, options.measure());
        Files.writeString(options.output().resolve("pgbench.txt"), output);
        return new Rate(number(TPS, output), number(LATENCY, output), server.version());
    }

    private static String run(PostgresCluster server, Options options, Path script, Duration duration) {
        Map<String, String> environment = new HashMap<>(server.clientEnvironment());
        return Commands.succeed(List.of("pgbench", "-n", "-f", script.toString(), "-c",
                String.valueOf(options.clients()), "-j", "2", "-T", String.valueOf(Math.max(1, duration.toSeconds())),
                "-D", "participants=" + options.participants(), PostgresCluster.BASELINE_DATABASE), environment);
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("pgbench printed no " + pattern.pattern() + ":\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private InsertBaseline() {
    }
}
