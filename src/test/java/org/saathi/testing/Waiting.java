package org.saathi.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the service does in the background (delivery, retries), with a deadline. */
public final class Waiting {

    private Waiting() {
    }

    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
