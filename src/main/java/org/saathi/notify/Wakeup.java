package org.saathi.notify;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Wakes the dispatcher as soon as new notifications are committed, rather than at its next poll. */
@Component
class Wakeup {

    private final Semaphore signal = new Semaphore(0);

    /** Wakes the dispatcher after the current transaction commits, or now when there is none. */
    void afterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    now();
                }
            });
        } else {
            now();
        }
    }

    void now() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Waits for a wake-up or the timeout; one wake-up wakes one waiting dispatcher thread. */
    void await(Duration timeout) throws InterruptedException {
        signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
