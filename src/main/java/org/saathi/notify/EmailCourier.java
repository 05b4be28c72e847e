package org.saathi.notify;

import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.saathi.roster.StaffContact;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP ({@code spring.mail.*}). The notification's id is the Message-ID, so that a mail
 * system or a person can tell a repeat from a new message. Without a configured SMTP server,
 * e-mails wait (and are retried) rather than vanish.
 */
@Component
class EmailCourier implements Courier {

    private final Optional<JavaMailSender> mail;
    private final NotifySettings settings;

    EmailCourier(ObjectProvider<JavaMailSender> mail, NotifySettings settings) {
        this.mail = Optional.ofNullable(mail.getIfAvailable());
        this.settings = settings;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Delivery deliver(Outgoing message, StaffContact to) {
        if (mail.isEmpty()) {
            return new Delivery.Retry("no SMTP server configured (spring.mail.host)", Optional.empty());
        }
        if (to.email().isEmpty()) {
            return new Delivery.Failed("staff member has no e-mail address");
        }
        try {
            MimeMessage mime = new IdentifiedMessage(session(), "<" + message.id() + "@" + settings.messageIdDomain() + ">");
            mime.setFrom(new InternetAddress(settings.from()));
            mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to.email().get(), true));
            mime.setSubject(message.subject(), "UTF-8");
            mime.setText(message.body(), "UTF-8");
            mime.setHeader("X-Saathi-Alert", message.alertId().toString());
            mail.get().send(mime);
            return new Delivery.Sent();
        } catch (AddressException badAddress) {
            return new Delivery.Failed("invalid e-mail address");
        } catch (MessagingException | MailException failure) {
            return new Delivery.Retry(failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage()),
                    Optional.empty());
        }
    }

    private Session session() {
        return mail.get() instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new java.util.Properties());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    /** A MIME message whose Message-ID is ours, not one the mail library makes up. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
