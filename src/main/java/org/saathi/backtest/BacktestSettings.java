package org.saathi.backtest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param threads how many threads one backtest replays on; the live service needs the rest of the machine
 * @param batch participants read and replayed together
 * @param keep how long a finished backtest's answer stays readable
 * @param kept how many finished backtests are kept at most
 * @param maxEvaluations the most evaluations (participants times steps) one backtest may ask for; the
 *        default lets a whole programme of 10,000 be replayed over 90 days at an hourly step, about
 *        ten minutes on two threads, and refuses a year at 5-minute steps, which would take hours
 * @param longestWait how long a request that waits for the answer is given; then the backtest is cancelled
 *        and the request answered, so that a client that has gone does not hold the server for longer
 * @param beat how often the instance running a backtest records its progress in the database and looks
 *        there for a cancel asked through another instance
 * @param lease how long after its last beat a backtest's instance still counts as alive; then any other
 *        instance takes its backtest over as failed, so that one whose instance died holds the place no longer
 */
@ConfigurationProperties("saathi.backtest")
record BacktestSettings(
        @DefaultValue("1") int threads,
        @DefaultValue("200") int batch,
        @DefaultValue("1h") Duration keep,
        @DefaultValue("5") int kept,
        @DefaultValue(BacktestSettings.DEFAULT_MAX_EVALUATIONS) long maxEvaluations,
        @DefaultValue("30m") Duration longestWait,
        @DefaultValue("1s") Duration beat,
        @DefaultValue("30s") Duration lease) {

    static final String DEFAULT_MAX_EVALUATIONS = "25000000";

    BacktestSettings {
        if (threads < 1 || batch < 1 || kept < 1 || maxEvaluations < 1) {
            throw new IllegalArgumentException("saathi.backtest.threads, batch, kept and max-evaluations must be "
                    + "at least 1");
        }
        if (longestWait.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("saathi.backtest.longest-wait must be at least 1s");
        }
        if (beat.compareTo(Duration.ofMillis(100)) < 0 || lease.compareTo(beat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("saathi.backtest.beat must be at least 100ms, and the lease at least "
                    + "three beats");
        }
    }
}
