package org.saathi.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a staff session after a quiet spell. The alert queue refreshes itself every few seconds;
 * those refreshes say nothing about whether someone is at the screen, so they do not count as
 * activity: a page left open on a ward computer signs itself out all the same.
 */
final class IdleSessions extends OncePerRequestFilter {

    /** Sent by the page's own refreshes. */
    static final String REFRESH_HEADER = "X-Saathi-Refresh";

    private static final String LAST_ACTIVITY = IdleSessions.class.getName() + ".lastActivity";

    /** Spring Security keeps a signed-in staff member's context under this session attribute. */
    private static final String SIGNED_IN = "SPRING_SECURITY_CONTEXT";

    private final LoginSettings settings;
    private final Audit audit;
    private final Clock clock;

    IdleSessions(LoginSettings settings, Audit audit, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Instant now = clock.instant();
        if (session != null) {
            Instant last = (Instant) session.getAttribute(LAST_ACTIVITY);
            boolean signedIn = session.getAttribute(SIGNED_IN) != null;
            if (signedIn && last != null && last.plus(settings.idleTimeout()).isBefore(now)) {
                if (session.getAttribute(SIGNED_IN) instanceof SecurityContext context
                        && context.getAuthentication() != null) {
                    audit.record(context.getAuthentication().getName(), Audit.Action.SESSION_EXPIRED, null, null);
                }
                session.invalidate();
                redirect(request, response, "/login?expired");
                return;
            }
            if (request.getHeader(REFRESH_HEADER) == null) {
                session.setAttribute(LAST_ACTIVITY, now);
            }
        }
        chain.doFilter(request, response);
        HttpSession started = request.getSession(false);
        if (started != null && started.getAttribute(LAST_ACTIVITY) == null) {
            started.setAttribute(LAST_ACTIVITY, now);
        }
    }

    /** To the login page; a refresh asks the page to go there itself rather than showing it inside a table. */
    static void signIn(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        redirect(request, response, "/login");
    }

    static void redirect(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        String login = request.getContextPath() + path;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", login);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.sendRedirect(login);
        }
    }
}
