package org.saathi.notify;

import org.saathi.roster.Channel;
import org.saathi.roster.StaffContact;

/** Delivers notifications over one channel. */
interface Courier {

    Channel channel();

    Delivery deliver(Outgoing message, StaffContact to);

    /** One notification ready to go: its stable id travels as Message-ID or Idempotency-Key. */
    record Outgoing(java.util.UUID id, java.util.UUID alertId, String kind, String subject, String body) {
    }
}
