package org.saathi.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.saathi.api.StorableText;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login form is checked by Spring Security before any page code runs, so text that cannot be
 * stored (a NUL character, half a surrogate pair) in its fields is caught here and shown as the
 * staff page's 400 problem naming the field, as every other form's is. The value is never echoed.
 */
public final class StorableLoginForm extends OncePerRequestFilter {

    /** The page that shows the refusal; it reads the field from {@link #FIELD}. */
    public static final String REFUSAL_PAGE = "/login/unstorable";
    public static final String FIELD = StorableLoginForm.class.getName() + ".field";

    private static final String[] FIELDS = {"username", "password"};

    StorableLoginForm() {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String field : FIELDS) {
            String value = request.getParameter(field);
            if (value != null && !StorableText.isStorable(value)) {
                request.setAttribute(FIELD, field);
                request.getRequestDispatcher(REFUSAL_PAGE).forward(request, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
