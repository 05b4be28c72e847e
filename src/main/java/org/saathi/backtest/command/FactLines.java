package org.saathi.backtest.command;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.Bam;
import org.saathi.facts.BamAnswers;
import org.saathi.facts.CheckIn;
import org.saathi.facts.ConcernCategory;
import org.saathi.facts.ConcernLevel;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.Fact;
import org.saathi.facts.Instrument;
import org.saathi.facts.Now;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Phq9;
import org.saathi.facts.SessionType;
import org.saathi.facts.Substance;
import org.saathi.roster.ParticipantContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the lines of a facts file: one JSON object per line, its {@code type} saying what it is,
 * with the field names and the limits of the REST API, so that what an integration posts can be
 * backtested as it is. Fields the API takes but rules never see ({@code note}, {@code source}) are
 * accepted and checked, then left out.
 */
final class FactLines {

    /** A field given twice is refused, as the API refuses it, rather than the last one quietly winning. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Jackson's note of where in its input it was, which a file and line number say better. */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(start marker at \\[Source:.*?]\\)|\\s*at \\[Source:.*");

    private static final String TYPES = "participant, checkIn, attendance, screening, peerConcern or relapseConfirmed";

    private FactLines() {
    }

    /** Reads one line; a fact without an {@code id} gets its line number. Throws {@link LineFields.BadLine}. */
    static FactLine parse(String text, int lineNumber) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException notJson) {
            throw new LineFields.BadLine("not JSON: " + SOURCE.matcher(notJson.getOriginalMessage()).replaceAll("")
                    .lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw new LineFields.BadLine("not JSON: each line must be one object, such as {\"type\":\"checkIn\",...}");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isString()) {
            throw new LineFields.BadLine("type is required: " + TYPES);
        }
        String id = String.valueOf(lineNumber);
        return switch (type.stringValue()) {
            case "participant" -> participant(node);
            case "checkIn" -> checkIn(node, id);
            case "attendance" -> attendance(node, id);
            case "screening" -> screening(node, id);
            case "peerConcern" -> peerConcern(node, id);
            case "relapseConfirmed" -> {
                LineFields fields = new LineFields(node, "relapseConfirmed", Set.of("type", "participantId", "at"));
                yield new FactLine.RelapseConfirmed(fields.id("participantId"), fields.time("at"));
            }
            default -> throw new LineFields.BadLine("unknown type \"" + type.stringValue() + "\"; a line is a "
                    + TYPES);
        };
    }

    private static FactLine.Participant participant(JsonNode node) {
        LineFields fields = new LineFields(node, "participant", Set.of("type", "participantId", "peerMentorId",
                "counsellorId", "supervisorId", "programmeSupervisors", "shareWithPeerMentor", "expectsDailyCheckIn",
                "enrolledAt", "programmeThresholds", "timezone", "checkInSchedule", "prescribedSubstances"));
        boolean expectsCheckIns = fields.optionalFlag("expectsDailyCheckIn").orElse(true);
        return new FactLine.Participant(fields.id("participantId"), fields.optionalId("peerMentorId"),
                fields.optionalId("counsellorId"), fields.optionalId("supervisorId"),
                fields.strings("programmeSupervisors", 100, 64, true),
                fields.optionalFlag("shareWithPeerMentor").orElse(true),
                expectsCheckIns, fields.optionalTime("enrolledAt"), fields.numbers("programmeThresholds"),
                fields.optionalZone("timezone").orElse(ParticipantContext.DEFAULT_TIMEZONE),
                fields.optionalSchedule("checkInSchedule", expectsCheckIns),
                prescribed(fields.strings("prescribedSubstances", 10, 40, false)));
    }

    private static Set<Substance> prescribed(List<String> names) {
        Set<Substance> substances = new HashSet<>();
        for (String name : names) {
            substances.add(Substance.named(name).filter(Substance::prescribable).orElseThrow(() ->
                    new LineFields.BadLine("prescribedSubstances: \"" + name + "\" is not a substance that can "
                            + "be prescribed")));
        }
        return substances;
    }

    private static LineFields factFields(JsonNode node, String type, String... fields) {
        Set<String> allowed = new HashSet<>(Set.of("type", "participantId", "id", "receivedAt"));
        allowed.addAll(List.of(fields));
        return new LineFields(node, type, allowed);
    }

    /**
     * Attendance may be reported ahead of its session (an excused absence), so only facts of the
     * other kinds are refused when said to be received before they happened.
     */
    private static FactLine.Recorded recorded(LineFields fields, Fact fact, String timeField) {
        Optional<Instant> receivedAt = fields.optionalTime("receivedAt");
        if (timeField != null && receivedAt.filter(at -> at.plus(Now.DRIFT).isBefore(fact.at())).isPresent()) {
            throw new LineFields.BadLine("receivedAt is before " + timeField
                    + ": Saathi cannot have received it before it happened");
        }
        return new FactLine.Recorded(fact, receivedAt);
    }

    private static FactLine checkIn(JsonNode node, String lineId) {
        LineFields fields = factFields(node, "checkIn", "recordedAt", "craving", "mood", "stress", "sleepHours",
                "usedSubstance", "medicationTaken", "triggers", "note", "source");
        fields.optionalText("note", Fact.LONGEST_NOTE);
        fields.optionalId("source");
        CheckIn checkIn = new CheckIn(fields.optionalId("id").orElse(lineId), fields.id("participantId"),
                fields.time("recordedAt"), 0, fields.whole("craving", CheckIn.LEAST_CRAVING, CheckIn.MOST_CRAVING),
                fields.whole("mood", CheckIn.LEAST_MOOD, CheckIn.MOST_MOOD),
                fields.optionalWhole("stress", CheckIn.LEAST_STRESS, CheckIn.MOST_STRESS).orElse(null),
                fields.optionalNumber("sleepHours", CheckIn.LEAST_SLEEP_HOURS, CheckIn.MOST_SLEEP_HOURS).orElse(null),
                fields.optionalFlag("usedSubstance").orElse(null), fields.optionalFlag("medicationTaken").orElse(null),
                fields.strings("triggers", CheckIn.MOST_TRIGGERS, CheckIn.LONGEST_TRIGGER, false));
        return recorded(fields, checkIn, "recordedAt");
    }

    private static FactLine attendance(JsonNode node, String lineId) {
        LineFields fields = factFields(node, "attendance", "sessionId", "groupId", "sessionType", "scheduledAt",
                "status", "source");
        fields.optionalId("source");
        Attendance attendance = new Attendance(fields.optionalId("id").orElse(lineId), fields.id("participantId"),
                fields.time("scheduledAt"), 0, fields.id("sessionId"), fields.optionalId("groupId").orElse(null),
                fields.choice("sessionType", SessionType.class), fields.choice("status", AttendanceStatus.class));
        return recorded(fields, attendance, null);
    }

    private static FactLine screening(JsonNode node, String lineId) {
        LineFields fields = factFields(node, "screening", "instrument", "recordedAt", "items", "positive",
                "substances", "confirmed", "source");
        fields.optionalId("source");
        String id = fields.optionalId("id").orElse(lineId);
        String participantId = fields.id("participantId");
        Instant at = fields.time("recordedAt");
        Instrument instrument = fields.choice("instrument", Instrument.class);
        boolean bam = instrument == Instrument.BAM;
        List<String> substances = fields.strings("substances", DrugScreen.MOST_SUBSTANCES, DrugScreen.LONGEST_SUBSTANCE,
                false);
        Optional<Boolean> positive = fields.optionalFlag("positive");
        Fact screening;
        if (instrument == Instrument.DRUG_SCREEN) {
            if (fields.has("items")) {
                throw new LineFields.BadLine("items is not used by DRUG_SCREEN");
            }
            boolean found = positive.orElseThrow(() -> new LineFields.BadLine("positive is required for a "
                    + "DRUG_SCREEN"));
            if (!found && !substances.isEmpty()) {
                throw new LineFields.BadLine("substances must be empty for a negative screen");
            }
            screening = new DrugScreen(id, participantId, at, found, substances,
                    fields.optionalFlag("confirmed").filter(Boolean.FALSE::equals).isPresent());
        } else {
            if (positive.isPresent() || !substances.isEmpty() || fields.has("confirmed")) {
                throw new LineFields.BadLine("positive, substances and confirmed are only for DRUG_SCREEN");
            }
            List<Integer> items = (bam ? fields.optionalAnswers("items", 30)
                    : fields.optionalItems("items", Phq9.ITEMS, Phq9.HIGHEST_ANSWER))
                    .orElseThrow(() -> new LineFields.BadLine("items is required: the "
                            + (bam ? "23 answers of the BAM" : "9 answers of the PHQ-9, each 0 to 3")));
            if (bam) {
                List<BamAnswers.Problem> problems = BamAnswers.problems(items);
                if (!problems.isEmpty()) {
                    throw new LineFields.BadLine("items" + (problems.get(0).index() < 0 ? "" : "["
                            + problems.get(0).index() + "]") + ": " + problems.get(0).message());
                }
            }
            screening = bam ? Bam.of(id, participantId, at, items) : Phq9.of(id, participantId, at, items);
        }
        return recorded(fields, screening, "recordedAt");
    }

    private static FactLine peerConcern(JsonNode node, String lineId) {
        LineFields fields = factFields(node, "peerConcern", "observedAt", "level", "category", "reportedBy",
                "note");
        fields.optionalText("note", Fact.LONGEST_NOTE);
        PeerConcern concern = new PeerConcern(fields.optionalId("id").orElse(lineId), fields.id("participantId"),
                fields.time("observedAt"), fields.choice("level", ConcernLevel.class),
                fields.optionalChoice("category", ConcernCategory.class).orElse(ConcernCategory.OTHER),
                fields.optionalId("reportedBy").orElse("staff"));
        return recorded(fields, concern, "observedAt");
    }
}
