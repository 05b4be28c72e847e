package org.saathi.backtest.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The backtest command run in-process against the real rules/ folder, as a rule author runs it. */
class BacktestCommandTests {

    static final Instant DAY_ONE = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    record Ran(int exitCode, String out, String err) {
    }

    static Ran run(BacktestCommand command, ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        int exitCode = command.run(args);
        return new Ran(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Ran run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return run(command(out, err), out, err, args);
    }

    static BacktestCommand command(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new BacktestCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    static String checkIn(String participant, Instant at, int craving) {
        return "{\"type\":\"checkIn\",\"participantId\":\"" + participant + "\",\"recordedAt\":\"" + at
                + "\",\"craving\":" + craving + ",\"mood\":6}";
    }

    static Instant day(int day) {
        return DAY_ONE.plus(Duration.ofDays(day));
    }

    /** Daily check-ins of craving 3, but craving 9 on day 6. */
    static List<String> oneHighCraving(String participant) {
        List<String> lines = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            lines.add(checkIn(participant, day(day), day == 6 ? 9 : 3));
        }
        return lines;
    }

    Path facts(List<String> lines) {
        try {
            return Files.write(dir.resolve("facts.jsonl"), lines);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** A copy of the real rules/ folder to change. */
    Path candidate() throws IOException {
        Path copy = dir.resolve("candidate");
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(Path.of("rules").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    @Test
    void aCravingOfNineRaisesChk001InTheSummary() {
        Ran ran = run("--rules", "rules", "--facts", facts(oneHighCraving("P-1")).toString());

        assertThat(ran.exitCode()).isZero();
        assertThat(ran.out()).containsPattern("Participants +1\n");
        // rule, alerts, WATCH, WARNING, URGENT, CRITICAL
        assertThat(ran.out()).containsPattern("\n  CHK-001 +1 +1 +0 +0 +0 ");
        assertThat(ran.err()).as("no progress bar unless asked or on a terminal").isEmpty();
    }

    @Test
    void aThreeDaySilenceRaisesGap001AtAStepBetweenFacts() {
        List<String> lines = new ArrayList<>();
        for (int day : new int[] {0, 1, 2, 3, 4, 8}) {
            lines.add(checkIn("P-1", day(day), 2));
        }
        Ran ran = run("--rules", "rules", "--facts", facts(lines).toString(), "--json");

        assertThat(ran.exitCode()).isZero();
        JsonNode alerts = JsonMapper.builder().build().readTree(ran.out()).get("alerts");
        List<String> gaps = alerts.valueStream().filter(alert -> alert.get("ruleId").stringValue().equals("GAP-001"))
                .map(alert -> alert.get("severity").stringValue() + " " + alert.get("raisedAt").stringValue()).toList();
        // 48 hours after the last check-in of day 4, when no fact arrived: only the hourly step saw it
        assertThat(gaps).containsExactly("WATCH " + day(6));
    }

    @Test
    void writesTheAlertsTheSummaryByRuleAndTheOutcomesAsJson() {
        List<String> lines = new ArrayList<>(oneHighCraving("P-1"));
        lines.add("{\"type\":\"checkIn\",\"participantId\":\"P-1\",\"recordedAt\":\"" + day(8).plusSeconds(3600)
                + "\",\"craving\":2,\"mood\":4,\"usedSubstance\":true}");
        Path output = dir.resolve("result.json");
        Ran ran = run("--rules", "rules", "--facts", facts(lines).toString(), "--json", "--output", output.toString());

        assertThat(ran.exitCode()).isZero();
        assertThat(ran.out()).isEmpty();
        JsonNode result = JsonMapper.builder().build().readTree(output.toFile());
        assertThat(result.get("participants").intValue()).isEqualTo(1);
        assertThat(result.get("alerts").valueStream().map(alert -> alert.get("ruleId").stringValue()))
                .contains("CHK-001", "CHK-005");
        assertThat(result.get("summary").get("byRule").get("CHK-001").intValue()).isEqualTo(1);
        JsonNode relapse = result.get("outcomes").get("relapses").get(0);
        assertThat(relapse.get("kind").stringValue()).isEqualTo("SELF_REPORTED_USE");
        assertThat(relapse.get("precededBy").valueStream().map(alert -> alert.get("ruleId").stringValue()))
                .contains("CHK-001");
    }

    @Test
    void aCandidateWithAHigherCravingThresholdShowsChk001Removed() throws IOException {
        Path candidate = candidate();
        Path thresholds = candidate.resolve("thresholds.yaml");
        String yaml = Files.readString(thresholds);
        assertThat(yaml).contains("CHK-001.craving: {value: 8,");
        Files.writeString(thresholds, yaml.replace("CHK-001.craving: {value: 8,", "CHK-001.craving: {value: 10,"));

        Ran ran = run("--rules", "rules", "--compare-with", candidate.toString(), "--facts",
                facts(oneHighCraving("P-1")).toString());

        assertThat(ran.exitCode()).isZero();
        // rule, A, B, added, removed
        assertThat(ran.out()).containsPattern("\n  CHK-001 +1 +0 +0 +1 ");
        assertThat(ran.out()).containsPattern("\n  removed +P-1 +CHK-001 +WATCH +" + day(6));
        assertThat(ran.err()).contains("warning: " + candidate + " fails");
        assertThat(ran.out()).containsPattern("Warnings \\(B\\) +[1-9]");
    }

    @Test
    void aBadLineStopsTheRunNamingItsFileAndLine() {
        List<String> lines = new ArrayList<>(List.of("# a comment", ""));
        lines.add(checkIn("P-1", day(0), 3));
        lines.add(checkIn("P-1", day(1), 11));
        Path facts = facts(lines);

        Ran ran = run("--rules", "rules", "--facts", facts.toString());

        assertThat(ran.exitCode()).isEqualTo(2);
        assertThat(ran.err()).isEqualTo(facts + ":4: craving must be between 0 and 10\n");
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void aRulesFolderThatDoesNotCompileIsReportedWithFileAndLine() throws IOException {
        Path candidate = candidate();
        Path cravings = candidate.resolve("signals/cravings.drl");
        int lastLine = Files.readAllLines(cravings).size();
        Files.writeString(cravings, Files.readString(cravings) + "\nrule \"CHK-999 Broken\"\nwhen\n"
                + "    CheckIn( craving >>> 3 )\nthen\nend\n");

        Ran ran = run("--rules", candidate.toString(), "--facts", facts(oneHighCraving("P-1")).toString());

        assertThat(ran.exitCode()).isEqualTo(3);
        assertThat(ran.err()).startsWith(candidate + " does not compile");
        // Drools names the line of the rule whose condition is wrong
        assertThat(ran.err()).contains(cravings + ":" + (lastLine + 2) + ": Predicate 'craving >>> 3'");
    }

    @Test
    void drawsTheProgressBarWhenAsked() {
        Ran ran = run("--rules", "rules", "--facts", facts(oneHighCraving("P-1")).toString(), "--progress");

        assertThat(ran.exitCode()).isZero();
        assertThat(ran.err()).contains("\r[####################] 100%  1/1 participants");
        assertThat(ran.err()).as("cleared at the end").endsWith("\r");
    }

    @Test
    void progressSaysHowManyAreLeftAndHowLong() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), 10_000, () -> 0);

        assertThat(bar.line(4_500, Duration.ofSeconds(59)))
                .isEqualTo("[#########...........]  45%  4,500/10,000 participants  1m 12s left");
    }

    @Test
    void aCancelledBacktestSaysHowFarItGot() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int day = 0; day < 60; day++) {
            for (int participant = 1; participant <= 100; participant++) {
                lines.add(checkIn("P-" + participant, day(day), (day + participant) % 10));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BacktestCommand command = command(out, err);
        String[] args = {"--rules", "rules", "--facts", facts(lines).toString(), "--threads", "1"};
        CompletableFuture<Ran> running = CompletableFuture.supplyAsync(() -> run(command, out, err, args));
        while (command.replayed() == 0 && !running.isDone()) {
            Thread.sleep(10);
        }
        command.cancelAndWait(Duration.ofSeconds(30));
        Ran ran = running.get();

        assertThat(ran.exitCode()).isEqualTo(130);
        assertThat(ran.err()).containsPattern("cancelled after ([1-9]|[1-9][0-9]) of 100 participants\n");
        assertThat(ran.out()).isEmpty();
    }
}
