package org.saathi.notify;

import java.time.Duration;
import java.util.Optional;

/** The outcome of one attempt to deliver a notification. */
sealed interface Delivery {

    record Sent() implements Delivery {
    }

    /** Worth trying again: the channel is down, busy or timed out. {@code after} when the receiver said when. */
    record Retry(String error, Optional<Duration> after) implements Delivery {
    }

    /** Not worth trying again: the receiver refused this message. */
    record Failed(String error) implements Delivery {
    }
}
