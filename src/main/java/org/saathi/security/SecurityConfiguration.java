package org.saathi.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.time.Clock;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.saathi.api.ProblemWriter;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Who may reach which part of the service. Staff roles and key scopes are separate authorities: a
 * key never acts as a staff member, and a staff member's role never stands in for a scope.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String[] STAFF = {"ROLE_PEER_MENTOR", "ROLE_COUNSELLOR", "ROLE_SUPERVISOR", "ROLE_ADMIN"};

    /**
     * No observation of Spring Security's own: it would wrap each filter of every request in one,
     * and {@code http.server.requests} already times the requests.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Staff passwords, with the lock-out, for the API and the login form alike. */
    @Bean
    AuthenticationProvider staffLogins(Accounts accounts, PasswordEncoder passwordEncoder, LoginFailures failures,
            FailedLogins failedLogins, LoginSettings settings, Audit audit) {
        return new StaffLogins(accounts, passwordEncoder, failures, failedLogins, settings, audit);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, ProblemWriter problems) throws Exception {
        ProblemEntryPoints entryPoints = new ProblemEntryPoints(problems);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> {
                    for (ApiAccess.Rule rule : ApiAccess.RULES) {
                        requests.requestMatchers(rule.method(), rule.patternArray())
                                .hasAnyAuthority(rule.authorities());
                    }
                    // Anything ApiAccess does not name is refused: a new endpoint is closed until its rule is written.
                    requests.anyRequest().denyAll();
                })
                .httpBasic(basic -> basic.realmName("Saathi").authenticationEntryPoint(entryPoints))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoints)
                        .accessDeniedHandler(entryPoints))
                .addFilterBefore(new ApiKeyFilter(keys, entryPoints), BasicAuthenticationFilter.class)
                // In place of a CSRF token, which an API for tools cannot carry: a browser's stored Basic
                // credentials count only on the service's own origin, and every change is JSON.
                .addFilterBefore(new ForeignOrigins(problems), BasicAuthenticationFilter.class)
                .addFilterAfter(new JsonChanges(problems), AuthorizationFilter.class)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    /**
     * Operations endpoints: health is open for load balancers; metrics need an admin or a key with
     * the metrics scope, unless they are asked for on the separate management port, which only the
     * machine itself (or the operator's network) can reach.
     */
    @Bean
    @Order(2)
    SecurityFilterChain operations(HttpSecurity http, ApiKeys keys, ProblemWriter problems,
            ManagementPort managementPort) throws Exception {
        ProblemEntryPoints entryPoints = new ProblemEntryPoints(problems);
        http.securityMatcher("/actuator/**", "/error")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(managementPort::receivedOn).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAnyAuthority("ROLE_ADMIN", "SCOPE_metrics")
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(basic -> basic.realmName("Saathi").authenticationEntryPoint(entryPoints))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoints)
                        .accessDeniedHandler(entryPoints))
                .addFilterBefore(new ApiKeyFilter(keys, entryPoints), BasicAuthenticationFilter.class)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * The API documents ({@code /v3/api-docs} and Swagger UI) are for staff: by HTTP Basic, as a tool
     * or script reads them, or with the staff page's session, as a person does. They hold nobody's
     * data, but they are a map of the API, so they are not for anyone who happens to reach the port.
     * Without a login, Swagger UI sends the browser to the login page and comes back after
     * it; the document itself answers 401, like the API.
     */
    @Bean
    @Order(3)
    SecurityFilterChain documents(HttpSecurity http, ProblemWriter problems, LoginSettings settings,
            Accounts accounts, Audit audit, Clock clock) throws Exception {
        ProblemEntryPoints entryPoints = new ProblemEntryPoints(problems);
        RequestMatcher swaggerUi = new OrRequestMatcher(PathPatternRequestMatcher.pathPattern(GET, "/swagger-ui.html"),
                PathPatternRequestMatcher.pathPattern(GET, "/swagger-ui/**"));
        // Only a person's browser is brought back after signing in; a script asking for the document
        // gets its 401 and no session.
        HttpSessionRequestCache returnAfterLogin = new HttpSessionRequestCache();
        returnAfterLogin.setRequestMatcher(swaggerUi);
        http.securityMatcher(API_DOCUMENTS)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAnyAuthority(STAFF))
                .httpBasic(basic -> basic.realmName("Saathi").authenticationEntryPoint(entryPoints))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(IdleSessions::signIn, swaggerUi)
                        .defaultAuthenticationEntryPointFor(entryPoints, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(entryPoints))
                .requestCache(cache -> cache.requestCache(returnAfterLogin))
                // Swagger UI keeps to the staff page's policy: its scripts and styles are files it serves itself.
                // Only its top bar breaks the policy (the logo carries an inline <style>), and that bar's
                // "Explore" box would load any URL's document besides, so it is left out
                // (springdoc.swagger-ui.layout=BaseLayout) rather than the policy loosened.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new IdleSessions(settings, audit, clock), SecurityContextHolderFilter.class)
                .addFilterAfter(new StaleSessions(accounts), SecurityContextHolderFilter.class);
        return http.build();
    }

    private static final String[] API_DOCUMENTS = {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**"};

    /**
     * The staff page: a login form and a session that ends after a quiet spell; no script or style
     * from anywhere but the service, nothing framed, nothing with participant data kept in a cache.
     */
    @Bean
    @Order(4)
    SecurityFilterChain staffPage(HttpSecurity http, LoginSettings settings, Accounts accounts, Audit audit,
            Clock clock) throws Exception {
        HttpSessionRequestCache returnAfterLogin = new HttpSessionRequestCache();
        // A page's own refresh is not where to return after signing in; the page it was on is.
        returnAfterLogin.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && request.getHeader("HX-Request") == null);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", StorableLoginForm.REFUSAL_PAGE, "/css/**", "/js/**", "/webjars/**",
                                "/favicon.ico").permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/rules/backtest", "/rules/backtest/**").hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers(POST, "/alerts/*/resolve", "/alerts/*/snooze")
                                .hasAnyRole("COUNSELLOR", "SUPERVISOR")
                        .anyRequest().hasAnyAuthority(STAFF))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/alerts", false)
                        .failureUrl("/login?failed").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut")
                        .deleteCookies(SESSION_COOKIE))
                .exceptionHandling(errors -> errors.accessDeniedPage("/forbidden")
                        .authenticationEntryPoint(IdleSessions::signIn))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .requestCache(cache -> cache.requestCache(returnAfterLogin))
                .addFilterBefore(new IdleSessions(settings, audit, clock), SecurityContextHolderFilter.class)
                .addFilterAfter(new StaleSessions(accounts), SecurityContextHolderFilter.class)
                .addFilterBefore(new StorableLoginForm(), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    static final String SESSION_COOKIE = "SAATHI_SESSION";

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** Session cookie: HTTPS only unless switched off for a plain-HTTP trial; never readable by scripts. */
    @Bean
    ServletContextInitializer sessionCookie(LoginSettings settings) {
        return context -> {
            context.getSessionCookieConfig().setName(SESSION_COOKIE);
            context.getSessionCookieConfig().setHttpOnly(true);
            context.getSessionCookieConfig().setSecure(settings.secureCookie());
        };
    }

    /** A session nobody uses ends with its idle time; the page's own refreshes are handled by {@link IdleSessions}. */
    @Bean
    HttpSessionListener sessionLifetime(LoginSettings settings) {
        return new HttpSessionListener() {
            @Override
            public void sessionCreated(HttpSessionEvent event) {
                event.getSession().setMaxInactiveInterval((int) settings.idleTimeout().toSeconds());
            }
        };
    }
}
