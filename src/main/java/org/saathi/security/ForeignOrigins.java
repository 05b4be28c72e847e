package org.saathi.security;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.saathi.api.ProblemTypes;
import org.saathi.api.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Refuses an API request signed in with HTTP Basic that a browser sent on behalf of another site.
 * A browser that once held a staff member's Basic credentials adds them to any request to the
 * service, even one a page elsewhere makes; only the service's own pages (and tools, which send
 * neither header) may use them. A page on another port of the same host is another origin too.
 * Integration keys are never added by a browser, so Bearer requests are not looked at here.
 */
final class ForeignOrigins extends OncePerRequestFilter {

    /** Sec-Fetch-Site values of requests made by the service's own pages or typed by the user. */
    private static final Set<String> OWN = Set.of("same-origin", "none");

    private static final String BASIC = "basic ";

    private final ProblemWriter problems;

    ForeignOrigins(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (signedInWithBasic(request) && fromAnotherOrigin(request)) {
            problems.write(response, HttpStatus.FORBIDDEN, ProblemTypes.of("cross-origin-request"),
                    "Staff credentials (HTTP Basic) are accepted only from this service's own pages or from "
                            + "tools, not from a page of another origin.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean signedInWithBasic(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length());
    }

    static boolean fromAnotherOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !OWN.contains(site.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return !WebUtils.isSameOrigin(new ServletServerHttpRequest(request));
    }
}
