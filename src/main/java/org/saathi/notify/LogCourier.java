package org.saathi.notify;

import org.saathi.roster.Channel;
import org.saathi.roster.StaffContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** For development: the notification goes to the log (ids only) and reaches nobody. */
@Component
class LogCourier implements Courier {

    private static final Logger log = LoggerFactory.getLogger(LogCourier.class);

    @Override
    public Channel channel() {
        return Channel.LOG;
    }

    @Override
    public Delivery deliver(Outgoing message, StaffContact to) {
        log.info("Notification {} for alert {} to staff {}: {}", message.id(), message.alertId(), to.id(),
                message.subject());
        return new Delivery.Sent();
    }
}
