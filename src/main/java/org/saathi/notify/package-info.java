/**
 * Notifications: an outbox written in the same transaction as the alert change, and a dispatcher
 * that delivers it by e-mail, signed webhook (for SMS or WhatsApp gateways) or the log, retrying
 * with growing pauses for at least a day. Messages carry the minimum necessary: severity, a
 * reference, what is expected, and a link; never scores, substances, notes or diagnoses.
 */
@ApplicationModule(allowedDependencies = { "roster" })
package org.saathi.notify;

import org.springframework.modulith.ApplicationModule;
