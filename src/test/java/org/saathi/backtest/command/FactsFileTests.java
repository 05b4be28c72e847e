package org.saathi.backtest.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.saathi.backtest.ParticipantHistory;
import org.saathi.backtest.ReplayOptions;
import org.saathi.facts.Bam;
import org.saathi.facts.CheckIn;
import org.saathi.facts.ConcernCategory;
import org.saathi.facts.ConcernLevel;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Substance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON-lines facts file of the backtest command: what it accepts, what it refuses, and how it reads back. */
class FactsFileTests {

    static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");

    @TempDir
    Path dir;

    FactsFile scan(String... lines) throws IOException {
        return FactsFile.scan(Files.write(dir.resolve("facts.jsonl"), List.of(lines)), () -> false);
    }

    static String checkIn(String participant, String at, int craving) {
        return "{\"type\":\"checkIn\",\"participantId\":\"" + participant + "\",\"recordedAt\":\"" + at
                + "\",\"craving\":" + craving + ",\"mood\":6}";
    }

    static ReplayOptions march() {
        return new ReplayOptions(FROM, FROM.plus(Duration.ofDays(30)), Duration.ofHours(1), Optional.empty(),
                ReplayOptions.FactsCount.RECEIVED);
    }

    @Test
    void readsBackEachParticipantsOwnLinesFromAnInterleavedFile() throws IOException {
        try (FactsFile file = scan(
                checkIn("P-1", "2026-03-03T09:00:00Z", 3),
                checkIn("P-2", "2026-03-03T10:00:00+05:30", 4),
                "{\"type\":\"checkIn\",\"participantId\":\"P-1\",\"id\":\"c-7\",\"recordedAt\":\"2026-03-04T09:00:00Z\","
                        + "\"receivedAt\":\"2026-03-04T12:00:00Z\",\"craving\":8,\"mood\":5}",
                "{\"type\":\"relapseConfirmed\",\"participantId\":\"P-2\",\"at\":\"2026-03-10T00:00:00Z\"}")) {
            List<ParticipantHistory> histories = file.participants().stream()
                    .map(participant -> participant.history(file, march(), Duration.ofDays(28))).toList();

            assertThat(histories).extracting(history -> history.participant().id()).containsExactly("P-1", "P-2");
            ParticipantHistory first = histories.get(0);
            assertThat(first.facts().checkIns()).extracting(CheckIn::id, CheckIn::craving)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1", 3),
                            org.assertj.core.groups.Tuple.tuple("c-7", 8));
            assertThat(first.receivedAt()).isEqualTo(Map.of("c-7", Instant.parse("2026-03-04T12:00:00Z")));
            assertThat(first.participant().enrolledAt()).isEqualTo(Instant.parse("2026-03-03T09:00:00Z"));
            assertThat(histories.get(1).facts().checkIns().get(0).at()).isEqualTo(Instant.parse("2026-03-03T04:30:00Z"));
            assertThat(histories.get(1).relapsesConfirmed()).containsExactly(Instant.parse("2026-03-10T00:00:00Z"));
            assertThat(file.span()).contains(new FactsFile.Span(Instant.parse("2026-03-03T04:30:00Z"),
                    Instant.parse("2026-03-10T00:00:00Z")));
        }
    }

    @Test
    void keepsOnlyTheWindowBeforeThePeriodAndTheLastCheckInBeforeThat() throws IOException {
        try (FactsFile file = scan(
                checkIn("P-1", "2026-01-01T09:00:00Z", 1),
                checkIn("P-1", "2026-01-20T09:00:00Z", 2),
                checkIn("P-1", "2026-02-10T09:00:00Z", 3),
                checkIn("P-1", "2026-04-20T09:00:00Z", 4))) {
            ParticipantHistory history = file.participants().iterator().next().history(file, march(),
                    Duration.ofDays(28));

            assertThat(history.facts().checkIns()).extracting(CheckIn::craving).containsExactly(3);
            assertThat(history.facts().lastCheckIn()).map(CheckIn::craving).contains(2);
            assertThat(history.participant().enrolledAt()).isEqualTo(Instant.parse("2026-01-01T09:00:00Z"));
        }
    }

    @Test
    void aParticipantLineNamesTheirStaffAndThresholdsAndTheRestTakeTheDefaults() throws IOException {
        try (FactsFile file = scan(
                "{\"type\":\"participant\",\"participantId\":\"P-1\",\"peerMentorId\":\"m1\",\"shareWithPeerMentor\":false,"
                        + "\"enrolledAt\":\"2026-02-01T00:00:00Z\",\"timezone\":\"Europe/London\","
                        + "\"programmeThresholds\":{\"CHK-001.craving\":9}}",
                checkIn("P-1", "2026-03-03T09:00:00Z", 3),
                checkIn("P-2", "2026-03-03T09:00:00Z", 3))) {
            List<ParticipantHistory> histories = file.participants().stream()
                    .map(participant -> participant.history(file, march(), Duration.ofDays(28))).toList();

            assertThat(histories.get(0).participant().peerMentorId()).isEqualTo("m1");
            assertThat(histories.get(0).participant().counsellorId()).isEqualTo("counsellor");
            assertThat(histories.get(0).participant().shareWithPeerMentor()).isFalse();
            assertThat(histories.get(0).participant().enrolledAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
            assertThat(histories.get(0).programmeThresholds()).isEqualTo(Map.of("CHK-001.craving", 9.0));
            assertThat(histories.get(0).participant().timezone()).isEqualTo(ZoneId.of("Europe/London"));
            assertThat(histories.get(1).participant().timezone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
            assertThat(histories.get(1).participant().peerMentorId()).isEqualTo("peer-mentor");
            assertThat(histories.get(1).participant().supervisorId()).contains("supervisor");
            assertThat(file.thresholdKeys()).isEqualTo(Map.of("CHK-001.craving", 1));
        }
    }

    @Test
    void scoresABamFromTheFormsAnswersInItsBands() {
        FactLine line = FactLines.parse("{\"type\":\"screening\",\"participantId\":\"P-1\",\"instrument\":\"BAM\","
                + "\"recordedAt\":\"2026-03-03T09:00:00Z\",\"items\":" + FORM_ANSWERS + "}", 5);

        assertThat(((FactLine.Recorded) line).fact()).isEqualTo(new Bam("5", "P-1",
                Instant.parse("2026-03-03T09:00:00Z"), 3, 6, 17,
                java.util.Arrays.asList(0, 2, 5, 2, 1, 2, 2, 0, 0, 0, 0, 0, 0, 1, 1, 10, 2, 3, 10, 4, 1, 10, 2)));
    }

    /** Items 1-6, 7A-7G, 8-17: days of the past 30 where the form asks for days. */
    private static final String FORM_ANSWERS = "[0,2,5,2,1,2,2,0,0,0,0,0,0,1,1,10,2,3,10,4,1,10,2]";

    @Test
    void refusesABamLineWithDrugDaysAboveTheDaysOfAnyDrug() {
        assertThatThrownBy(() -> FactLines.parse("{\"type\":\"screening\",\"participantId\":\"P-1\","
                + "\"instrument\":\"BAM\",\"recordedAt\":\"2026-03-03T09:00:00Z\",\"items\":"
                + FORM_ANSWERS.replace("[0,2,5,2,1,2,2,0", "[0,2,5,2,1,2,2,3") + "}", 5))
                .hasMessageContaining("items[7]").hasMessageContaining("item 7B");
    }

    @Test
    void readsAPeerConcernsCategoryAndTakesOtherWhenItIsLeftOut() {
        String concern = "{\"type\":\"peerConcern\",\"participantId\":\"P-1\",\"observedAt\":\"2026-03-03T09:00:00Z\","
                + "\"level\":\"LOW\"";

        FactLine selfHarm = FactLines.parse(concern + ",\"category\":\"SELF_HARM\",\"reportedBy\":\"m1\"}", 5);
        FactLine unsaid = FactLines.parse(concern + "}", 6);

        assertThat(((FactLine.Recorded) selfHarm).fact()).isEqualTo(new PeerConcern("5", "P-1",
                Instant.parse("2026-03-03T09:00:00Z"), ConcernLevel.LOW, ConcernCategory.SELF_HARM, "m1"));
        assertThat(((PeerConcern) ((FactLine.Recorded) unsaid).fact()).category()).isEqualTo(ConcernCategory.OTHER);
    }

    @Test
    void readsPrescribedSubstancesAndADrugScreensSubstancesAndConfirmation() throws IOException {
        try (FactsFile file = scan(
                "{\"type\":\"participant\",\"participantId\":\"P-1\",\"prescribedSubstances\":[\"Methadone\"]}",
                "{\"type\":\"screening\",\"participantId\":\"P-1\",\"instrument\":\"DRUG_SCREEN\","
                        + "\"recordedAt\":\"2026-03-03T09:00:00Z\",\"positive\":true,\"substances\":[\"methadone\"],"
                        + "\"confirmed\":false}")) {
            ParticipantHistory history = file.participants().iterator().next().history(file, march(), Duration.ofDays(28));

            assertThat(history.participant().prescribedSubstances()).containsExactly(Substance.METHADONE);
            DrugScreen screen = history.facts().drugScreens().get(0);
            assertThat(screen.presumptive()).isTrue();
            assertThat(screen.showsUseBeyond(history.participant().prescribedSubstances())).isFalse();
        }
    }

    static Stream<Arguments> badLines() {
        String checkIn = "\"type\":\"checkIn\",\"participantId\":\"P-1\",\"recordedAt\":\"2026-03-03T09:00:00Z\"";
        String concern = "{\"type\":\"peerConcern\",\"participantId\":\"P-1\",\"observedAt\":\"2026-03-03T09:00:00Z\","
                + "\"level\":\"LOW\"";
        return Stream.of(
                Arguments.of("{" + checkIn + ",\"craving\":11,\"mood\":5}", "craving must be between 0 and 10"),
                Arguments.of("{" + checkIn + ",\"craving\":2}", "mood is required"),
                Arguments.of("{" + checkIn + ",\"craving\":2,\"mood\":5,\"cravings\":3}",
                        "unknown field \"cravings\" in a checkIn line; it takes craving, id, medicationTaken, mood, "
                                + "note, participantId, receivedAt, recordedAt, sleepHours, source, stress, triggers, "
                                + "type, usedSubstance"),
                Arguments.of("{\"type\":\"foo\",\"participantId\":\"P-1\"}", "unknown type \"foo\"; a line is a "
                        + "participant, checkIn, attendance, screening, peerConcern or relapseConfirmed"),
                Arguments.of("{\"type\":\"checkIn\",\"recordedAt\":\"2026-03-03T09:00:00Z\",\"craving\":2,\"mood\":5}",
                        "participantId is required"),
                Arguments.of("{\"type\":\"peerConcern\",\"participantId\":\"P-1\",\"observedAt\":\"2026-03-03T09:00:00Z\","
                        + "\"level\":\"LOW\",\"category\":\"SUICIDE\"}",
                        "category must be one of SELF_HARM, USE_SUSPECTED, ISOLATION, CONFLICT, OTHER"),
                Arguments.of("{\"type\":\"participant\",\"participantId\":\"P-1\",\"prescribedSubstances\":[\"opiates\"]}",
                        "prescribedSubstances: \"opiates\" is not a substance that can be prescribed"),
                Arguments.of("{\"type\":\"participant\",\"participantId\":\"P-1\",\"timezone\":\"Mars/Olympus\"}",
                        "timezone must be a time zone such as Asia/Kolkata or Europe/London"),
                Arguments.of("{\"type\":\"checkIn\"", "not JSON: Unexpected end-of-input: expected close marker for "
                        + "Object"),
                Arguments.of("{" + checkIn + ",\"craving\":2,\"mood\":5,\"receivedAt\":\"2026-03-03T08:00:00Z\"}",
                        "receivedAt is before recordedAt: Saathi cannot have received it before it happened"),
                Arguments.of("{\"type\":\"screening\",\"participantId\":\"P-1\",\"instrument\":\"DRUG_SCREEN\","
                        + "\"recordedAt\":\"2026-03-03T09:00:00Z\",\"items\":[1]}", "items is not used by DRUG_SCREEN"),
                Arguments.of("{\"type\":\"attendance\",\"participantId\":\"P-1\",\"sessionId\":\"S-1\","
                        + "\"sessionType\":\"GROUP_THERAPY\",\"scheduledAt\":\"2026-03-03\",\"status\":\"ABSENT\"}",
                        "scheduledAt must be a time with its offset, such as 2026-03-02T09:00:00+05:30 or "
                                + "2026-03-02T03:30:00Z"),
                Arguments.of("{" + checkIn + ",\"craving\":2,\"mood\":5,\"stress\":\" \"}",
                        "stress must be a whole number"),
                Arguments.of("{" + checkIn + ",\"craving\":2,\"mood\":5,\"stress\":\"\\u0000\"}",
                        "stress must be a whole number"),
                Arguments.of("{" + checkIn + ",\"craving\":2,\"mood\":5,\"mood\":9}",
                        "not JSON: Duplicate Object property \"mood\""),
                Arguments.of("{\"type\":\"checkIn\",\"participantId\":\"P-1\",\"recordedAt\":1772442000,"
                        + "\"craving\":2,\"mood\":5}", "recordedAt must be a time with its offset, such as "
                        + "2026-03-02T09:00:00+05:30 or 2026-03-02T03:30:00Z"),
                Arguments.of(concern + ",\"reportedBy\":true}", "reportedBy must be a string"),
                Arguments.of(concern + ",\"reportedBy\":1.5}", "reportedBy must be a string"),
                Arguments.of(concern + ",\"reportedBy\":-1}", "reportedBy must be a string"),
                Arguments.of(concern + ",\"reportedBy\":1000000000000}", "reportedBy must be a string"),
                Arguments.of(concern + ",\"note\":true}", "note must be a string"),
                Arguments.of(concern.replace("\"LOW\"", "1") + "}",
                        "level must be one of LOW, MEDIUM, HIGH"));
    }

    @ParameterizedTest
    @MethodSource("badLines")
    void refusesABadLineNamingTheFileAndLine(String line, String message) {
        assertThatThrownBy(() -> scan(checkIn("P-1", "2026-03-03T09:00:00Z", 3), line))
                .isInstanceOf(CommandRefused.class)
                .hasMessage(dir.resolve("facts.jsonl") + ":2: " + message);
    }

    @Test
    void refusesASecondLineDescribingTheSameParticipant() {
        String participant = "{\"type\":\"participant\",\"participantId\":\"P-1\"}";

        assertThatThrownBy(() -> scan(participant, "# the same again", participant))
                .hasMessage(dir.resolve("facts.jsonl") + ":3: participant P-1 is already described on line 1");
    }
}
