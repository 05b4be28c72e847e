package org.saathi.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.saathi.roster.Channel;
import org.springframework.stereotype.Component;

/**
 * The words of notifications, in plain-text templates that a programme may replace by putting files
 * of the same names in {@code saathi.notify.templates}. Templates can use only the placeholders
 * below, so no template can put clinical details into a message.
 */
@Component
class MessageTemplates {

    static final String EMAIL_SUBJECT = "email-subject.txt";
    static final String EMAIL_BODY = "email-body.txt";
    static final String SMS = "sms.txt";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm zzz", Locale.ENGLISH);

    record Message(String subject, String body) {
    }

    private final NotifySettings settings;
    private final Map<String, String> templates = new LinkedHashMap<>();

    MessageTemplates(NotifySettings settings) {
        this.settings = settings;
        for (String name : new String[] {EMAIL_SUBJECT, EMAIL_BODY, SMS}) {
            templates.put(name, load(name));
        }
    }

    Message render(Channel channel, AlertNotice notice, String recipientName) {
        Map<String, String> values = values(notice, recipientName);
        String subject = fill(templates.get(EMAIL_SUBJECT), values).strip();
        return switch (channel) {
            case EMAIL -> new Message(subject, fill(templates.get(EMAIL_BODY), values));
            case WEBHOOK -> new Message(subject, fill(templates.get(SMS), values).strip());
            case LOG -> new Message(subject, subject);
        };
    }

    private Map<String, String> values(AlertNotice notice, String recipientName) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("recipientName", recipientName);
        values.put("severity", notice.severity());
        values.put("severityWord", notice.severity().toLowerCase(Locale.ROOT));
        values.put("reference", notice.reference());
        values.put("event", switch (notice.event()) {
            case RAISED -> "was raised";
            case SEVERITY_RAISED -> "has become more serious";
            case NEW_EVIDENCE -> "has new evidence";
            case ESCALATED -> "was not acknowledged in time and is escalated to you";
        });
        values.put("forParticipant", notice.participantName().map(name -> " (" + name + ")").orElse(""));
        values.put("acknowledgeWithin", duration(notice.acknowledgeWithin()));
        values.put("acknowledgeBy", WHEN.format(notice.acknowledgeBy().atZone(notice.zone())));
        values.put("link", settings.baseUrl().toString().replaceAll("/+$", "") + "/alerts/" + notice.alertId());
        return values;
    }

    static String duration(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = duration.toHours();
        return hours == 1 && minutes == 60 ? "1 hour" : minutes % 60 == 0 ? hours + " hours"
                : hours + " hours " + minutes % 60 + " minutes";
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    private String load(String name) {
        try {
            if (settings.templates() != null && Files.isRegularFile(settings.templates().resolve(name))) {
                return Files.readString(settings.templates().resolve(name), StandardCharsets.UTF_8);
            }
            try (InputStream builtIn = MessageTemplates.class.getResourceAsStream("/messages/" + name)) {
                if (builtIn == null) {
                    throw new IllegalStateException("built-in message template " + name + " is missing");
                }
                return new String(builtIn.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("message template " + name + " cannot be read", unreadable);
        }
    }
}
