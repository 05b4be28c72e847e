package org.saathi.notify;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a notification in the outbox stands. The database's {@code notification.state} holds
 * these names and checks them; its SQL speaks the same words, which its partial indexes need
 * written out.
 */
public enum NotificationState {
    /** Due for delivery at its next attempt. */
    PENDING,
    /** Leased by a dispatcher thread, being delivered. */
    SENDING,
    /** Recorded but held back: the pair is snoozed or a more severe alert is open. */
    HELD,
    SENT,
    /** Not delivered, and not to be tried again. */
    FAILED,
    /** Stopped before delivery: someone acted, or the recipient may no longer hear of the participant. */
    CANCELLED;

    /** The states of what is not yet delivered, as an operator watches the outbox. */
    static final Set<NotificationState> WAITING = EnumSet.of(PENDING, SENDING, HELD);
}
