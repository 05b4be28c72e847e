package org.saathi.api;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit (1 MiB) with a 413 before anything reads them, whether the
 * client declared a length or streams the body in chunks; and bodies that take longer than
 * {@link RequestBodySettings#timeout()} to arrive with a 408, so that a sender trickling a body
 * cannot hold a server thread, before it is even known who they are. Multipart bodies are refused
 * unread (nothing here uploads files, and the server would read their parts with its own stream,
 * untimed), and so is a body in a charset Java does not know.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimit extends OncePerRequestFilter {

    static final DataSize LIMIT = DataSize.ofMegabytes(1);

    private final ProblemWriter problems;
    private final RequestBodySettings settings;
    private final int maxFields;

    /** @param maxFields the server's own cap on a request's fields, which it no longer sees for forms */
    RequestBodyLimit(ProblemWriter problems, RequestBodySettings settings,
            @Value("${server.tomcat.max-parameter-count:1000}") int maxFields) {
        this.problems = problems;
        this.settings = settings;
        this.maxFields = maxFields;
    }

    static String describe() {
        return "The request body is larger than " + LIMIT.toKilobytes() + " KiB; send fewer items per request.";
    }

    static String describeSlow() {
        return "The request body did not arrive in time; send it at once.";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > LIMIT.toBytes()) {
            problems.write(response, HttpStatus.CONTENT_TOO_LARGE, describe());
            return;
        }
        if (refusedUnread(request, response)) {
            return;
        }
        // Time on the wire, not the clinic's clock: that one is for rules and may be set to any instant.
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try {
            chain.doFilter(new LimitedRequest(request, deadline, maxFields), response);
        } catch (UncheckedIOException failure) {
            // A form's fields are read on demand, by code that cannot throw an IOException.
            if (response.isCommitted() || !refuse(failure.getCause(), response)) {
                throw failure;
            }
        }
    }

    private boolean refusedUnread(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (LimitedRequest.typeOf(request).startsWith("multipart/")) {
            problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Multipart bodies are not taken: nothing here "
                    + "uploads files. Send a page's form as application/x-www-form-urlencoded and an API request as "
                    + "application/json.");
            return true;
        }
        try {
            LimitedRequest.charsetOf(request);
            return false;
        } catch (LimitedRequest.UnknownCharsetException unknown) {
            problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The body's charset is not one the service knows; send it in UTF-8.");
            return true;
        }
    }

    private boolean refuse(Throwable cause, HttpServletResponse response) throws IOException {
        if (cause instanceof BodyTooSlowException) {
            problems.write(response, HttpStatus.REQUEST_TIMEOUT, describeSlow());
            return true;
        }
        if (cause instanceof BodyTooLargeException) {
            problems.write(response, HttpStatus.CONTENT_TOO_LARGE, describe());
            return true;
        }
        if (cause instanceof LimitedRequest.TooManyFieldsException) {
            problems.write(response, HttpStatus.BAD_REQUEST, "The form has more than " + maxFields
                    + " fields (with the address's query), more than the service takes.");
            return true;
        }
        return false;
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body over the limit");
        }
    }

    static final class BodyTooSlowException extends IOException {
        BodyTooSlowException() {
            super("request body too slow");
        }
    }
}
