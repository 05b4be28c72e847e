package org.saathi.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.CheckIn;
import org.saathi.facts.DoseDay;
import org.saathi.facts.DoseDay.Dose;
import org.saathi.facts.Fact;

/**
 * Turns clinic dose records (MEDICATION sessions) and the check-ins' "medication taken" answers
 * into one {@link DoseDay} per day, counted in the participant's time zone, so that one missed dose
 * told twice (absent from the clinic, then "not taken" in the next morning's check-in) is one
 * missed day.
 * <ul>
 * <li>A check-in made before the day's clinic dose speaks of the day before: nobody can yet have
 * missed a dose that is not yet due. Today, while the clinic has not yet recorded the day, the
 * day's dose is taken to be due at the latest time of day the clinic has dosed them; a past day
 * the clinic did not record had no clinic dose (a take-home day), and its check-ins speak of it.</li>
 * <li>Where the clinic recorded the day, the clinic decides: an observed dose, or an absence, is
 * firmer than a self-report. A dose given at the clinic makes the day taken.</li>
 * <li>An excused clinic dose (taken home, given in hospital) was arranged elsewhere: not missed,
 * and it ends a run of missed days, unless the participant says they did not take it.</li>
 * <li>Without a clinic record, the participant's word decides: one "taken" that day is enough.</li>
 * </ul>
 */
final class DoseDays {

    private DoseDays() {
    }

    /** The dose days as of {@code now}, newest first, from sessions as {@link Window#sessions} numbers them. */
    static List<DoseDay> of(String participantId, List<Attendance> sessions, List<CheckIn> checkIns, ZoneId zone,
            Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Map<LocalDate, List<Attendance>> clinic = new TreeMap<>(Comparator.reverseOrder());
        sessions.stream().filter(Attendance::dose)
                .forEach(dose -> clinic.computeIfAbsent(day(dose, zone), day -> new ArrayList<>()).add(dose));
        Optional<LocalTime> usualDoseTime = sessions.stream().filter(Attendance::dose)
                .map(dose -> dose.at().atZone(zone).toLocalTime()).max(Comparator.naturalOrder());
        Map<LocalDate, List<CheckIn>> said = new TreeMap<>();
        checkIns.stream().filter(checkIn -> checkIn.medicationTaken() != null)
                .forEach(checkIn -> said.computeIfAbsent(spokenOf(checkIn, clinic, usualDoseTime, zone, today),
                        day -> new ArrayList<>()).add(checkIn));
        Set<LocalDate> days = new TreeSet<>(Comparator.reverseOrder());
        days.addAll(clinic.keySet());
        days.addAll(said.keySet());
        List<DoseDay> doseDays = new ArrayList<>();
        for (LocalDate day : days) {
            doseDays.add(doseDay(participantId, day, doseDays.size() + 1, clinic.getOrDefault(day, List.of()),
                    said.getOrDefault(day, List.of())));
        }
        return doseDays;
    }

    /** The day whose dose a check-in's answer is about. */
    static LocalDate spokenOf(CheckIn checkIn, Map<LocalDate, List<Attendance>> clinic,
            Optional<LocalTime> usualDoseTime, ZoneId zone, LocalDate today) {
        ZonedDateTime at = checkIn.at().atZone(zone);
        LocalDate day = at.toLocalDate();
        Optional<LocalTime> doseTime = Optional.ofNullable(clinic.get(day))
                .flatMap(doses -> doses.stream().map(dose -> dose.at().atZone(zone).toLocalTime())
                        .min(Comparator.naturalOrder()))
                .or(() -> day.isBefore(today) ? Optional.empty() : usualDoseTime);
        return doseTime.filter(at.toLocalTime()::isBefore).isPresent() ? day.minusDays(1) : day;
    }

    private static DoseDay doseDay(String participantId, LocalDate day, int recency, List<Attendance> clinic,
            List<CheckIn> said) {
        List<Fact> given = reports(clinic, Attendance::attended);
        List<Fact> absent = reports(clinic, dose -> dose.status() == AttendanceStatus.ABSENT);
        List<Fact> taken = reports(said, checkIn -> checkIn.medicationTaken());
        List<Fact> notTaken = reports(said, checkIn -> !checkIn.medicationTaken());
        if (!given.isEmpty()) {
            return new DoseDay(participantId, day, Dose.TAKEN, recency, given);
        }
        if (!absent.isEmpty()) {
            List<Fact> missed = new ArrayList<>(absent);
            missed.addAll(notTaken);
            return new DoseDay(participantId, day, Dose.MISSED, recency, missed);
        }
        if (!taken.isEmpty()) {
            return new DoseDay(participantId, day, Dose.TAKEN, recency, taken);
        }
        if (!notTaken.isEmpty()) {
            return new DoseDay(participantId, day, Dose.MISSED, recency, notTaken);
        }
        return new DoseDay(participantId, day, Dose.ARRANGED, recency, List.copyOf(clinic));
    }

    private static <T extends Fact> List<Fact> reports(List<T> facts, Predicate<T> saying) {
        return facts.stream().filter(saying).map(Fact.class::cast).toList();
    }

    private static LocalDate day(Attendance dose, ZoneId zone) {
        return dose.at().atZone(zone).toLocalDate();
    }
}
