package org.saathi.backtest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param threads how many threads one backtest replays on; the live service needs the rest of the machine
 * @param batch participants read and replayed together
 * @param keep how long a finished backtest's answer stays readable
 * @param kept how many finished backtests are kept at most
 */
@ConfigurationProperties("saathi.backtest")
record BacktestSettings(
        @DefaultValue("1") int threads,
        @DefaultValue("200") int batch,
        @DefaultValue("1h") Duration keep,
        @DefaultValue("5") int kept) {

    BacktestSettings {
        if (threads < 1 || batch < 1 || kept < 1) {
            throw new IllegalArgumentException("saathi.backtest.threads, batch and kept must be at least 1");
        }
    }
}
