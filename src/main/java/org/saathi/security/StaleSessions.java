package org.saathi.security;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a staff page session once the account it was opened with has changed: new roles, a new
 * password, or no login at all. A demoted supervisor does not keep a programme's records open in
 * a browser tab, and resetting a password shuts out whoever had the old one.
 */
final class StaleSessions extends OncePerRequestFilter {

    static final String STAMP = StaleSessions.class.getName() + ".stamp";

    private final Accounts accounts;

    StaleSessions(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication instanceof UsernamePasswordAuthenticationToken
                && authentication.isAuthenticated()) {
            String now = accounts.stamp(authentication.getName()).orElse("");
            Object seen = session.getAttribute(STAMP);
            if (seen == null) {
                session.setAttribute(STAMP, now);
            } else if (now.isEmpty() || !Objects.equals(seen, now)) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                IdleSessions.redirect(request, response, "/login?changed");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
