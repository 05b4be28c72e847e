package org.saathi.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.saathi.facts.Attendance;
import org.saathi.facts.Bam;
import org.saathi.facts.CheckIn;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.Fact;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Phq9;
import org.saathi.rules.RecordedFacts;

/**
 * A participant's facts, each with the moment the replay may know it, answering what the live
 * service would have read as of any moment: the window's facts known by then, in the order the
 * store gives them, and the last check-in known by then.
 */
final class Timeline {

    private record Known<T extends Fact>(T fact, Instant knownAt) {
    }

    private final List<Known<CheckIn>> checkIns;
    private final List<Known<Attendance>> attendance;
    private final List<Known<Phq9>> phq9;
    private final List<Known<Bam>> bam;
    private final List<Known<DrugScreen>> drugScreens;
    private final List<Known<PeerConcern>> concerns;
    private final Optional<Known<CheckIn>> lastBefore;
    private final List<Instant> arrivals;

    /** The last answer, which stands until a fact arrives or one leaves the window: most steps see no change. */
    private RecordedFacts last;
    private Instant lastAsked;
    private Instant lastStandsUntil;

    Timeline(ParticipantHistory history, ReplayOptions.FactsCount count) {
        RecordedFacts facts = history.facts();
        Function<Fact, Instant> knownAt = fact -> count == ReplayOptions.FactsCount.RECORDED ? fact.at()
                : history.receivedAt().getOrDefault(fact.id(), fact.at());
        Comparator<Known<? extends Fact>> newestFirst = Comparator.comparing((Known<? extends Fact> k) -> k.fact().at())
                .thenComparing(Known::knownAt).reversed();
        this.checkIns = known(facts.checkIns(), knownAt, newestFirst);
        // Reports of a session in the order they arrived, so that the last one stands.
        this.attendance = known(facts.attendance(), knownAt, Comparator.comparing(Known::knownAt));
        this.phq9 = known(facts.phq9(), knownAt, newestFirst);
        this.bam = known(facts.bam(), knownAt, newestFirst);
        this.drugScreens = known(facts.drugScreens(), knownAt, newestFirst);
        this.concerns = known(facts.peerConcerns(), knownAt, newestFirst);
        this.lastBefore = facts.lastCheckIn().map(last -> new Known<>(last, knownAt.apply(last)));
        TreeSet<Instant> arrived = new TreeSet<>();
        for (List<? extends Known<?>> kind : List.of(checkIns, attendance, phq9, bam, drugScreens, concerns)) {
            kind.forEach(fact -> arrived.add(fact.knownAt()));
        }
        lastBefore.ifPresent(last -> arrived.add(last.knownAt()));
        this.arrivals = List.copyOf(arrived);
    }

    private static <T extends Fact> List<Known<T>> known(List<T> facts, Function<Fact, Instant> knownAt,
            Comparator<Known<? extends Fact>> order) {
        List<Known<T>> known = new ArrayList<>(facts.size());
        facts.forEach(fact -> known.add(new Known<>(fact, knownAt.apply(fact))));
        known.sort(order);
        return known;
    }

    /** Every moment a fact became known, in order, each once. */
    List<Instant> arrivals() {
        return arrivals;
    }

    /** What an evaluation at {@code now} would have read; asked at moments in time order. */
    RecordedFacts asOf(Instant now, Duration window) {
        if (last != null && !now.isBefore(lastAsked) && now.isBefore(lastStandsUntil)) {
            return last;
        }
        last = read(now, window);
        lastAsked = now;
        lastStandsUntil = standsUntil(now, window);
        return last;
    }

    /** The first moment after {@code now} at which a fact arrives or one of the window's facts leaves it. */
    private Instant standsUntil(Instant now, Duration window) {
        Instant until = Instant.MAX;
        for (Instant arrival : arrivals) {
            if (arrival.isAfter(now)) {
                until = arrival;
                break;
            }
        }
        Instant from = now.minus(window);
        for (List<? extends Known<?>> kind : List.of(checkIns, attendance, phq9, bam, drugScreens, concerns)) {
            for (Known<?> known : kind) {
                Instant leaves = known.fact().at().plus(window).plusNanos(1);
                if (!known.fact().at().isBefore(from) && leaves.isBefore(until)) {
                    until = leaves;
                }
            }
        }
        return until;
    }

    private RecordedFacts read(Instant now, Duration window) {
        Instant from = now.minus(window);
        List<CheckIn> windowCheckIns = visible(checkIns, from, now);
        Optional<CheckIn> last = windowCheckIns.stream().findFirst();
        if (last.isEmpty()) {
            last = checkIns.stream().filter(k -> !k.knownAt().isAfter(now)).map(Known::fact).findFirst()
                    .or(() -> lastBefore.filter(k -> !k.knownAt().isAfter(now)).map(Known::fact));
        }
        return new RecordedFacts(windowCheckIns, visible(attendance, from, now), visible(phq9, from, now),
                visible(bam, from, now), visible(drugScreens, from, now), visible(concerns, from, now), last);
    }

    private static <T extends Fact> List<T> visible(List<Known<T>> facts, Instant from, Instant now) {
        List<T> visible = new ArrayList<>();
        for (Known<T> known : facts) {
            if (!known.knownAt().isAfter(now) && !known.fact().at().isBefore(from)) {
                visible.add(known.fact());
            }
        }
        return visible;
    }
}
