package org.saathi;

import java.time.Clock;
import java.util.Arrays;

import org.saathi.backtest.command.BacktestCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SaathiApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("backtest")) {
            // A rule author's backtest from the command line needs neither the server nor its database.
            BacktestCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(SaathiApplication.class, args);
    }

    /** The one source of "now": rules, deadlines and validation read time from here. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
