package org.saathi.notify;

import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.saathi.roster.Channel;
import org.saathi.roster.StaffContact;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP ({@code spring.mail.*}). The notification's id is the Message-ID, so that a mail
 * system or a person can tell a repeat from a new message. Each dispatcher thread keeps its SMTP
 * connection open between messages (opening one per message would cap delivery at a few dozen a
 * second), and opens a new one once if the server dropped it. Without a configured SMTP server,
 * e-mails wait (and are retried) rather than vanish.
 */
@Component
class EmailCourier implements Courier {

    private final Optional<JavaMailSender> mail;
    private final NotifySettings settings;
    private final ThreadLocal<Transport> connections = new ThreadLocal<>();

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
            mime.saveChanges();
            send(mime);
            return new Delivery.Sent();
        } catch (AddressException badAddress) {
            return new Delivery.Failed("invalid e-mail address");
        } catch (MessagingException | MailException failure) {
            return new Delivery.Retry(failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage()),
                    Optional.empty());
        }
    }

    /** Over this thread's open connection; if the server had dropped it, over a fresh one. */
    private void send(MimeMessage mime) throws MessagingException {
        if (!(mail.get() instanceof JavaMailSenderImpl impl)) {
            mail.get().send(mime);
            return;
        }
        Transport open = connections.get();
        if (open != null && open.isConnected()) {
            try {
                open.sendMessage(mime, mime.getAllRecipients());
                return;
            } catch (MessagingException dropped) {
                close(open);
            }
        }
        Transport fresh = impl.getSession().getTransport(impl.getProtocol() == null ? "smtp" : impl.getProtocol());
        try {
            fresh.connect(impl.getHost(), impl.getPort(), impl.getUsername(), impl.getPassword());
            fresh.sendMessage(mime, mime.getAllRecipients());
            connections.set(fresh);
        } catch (MessagingException failed) {
            close(fresh);
            connections.remove();
            throw failed;
        }
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException alreadyGone) {
            // nothing to do: the connection is gone either way
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
