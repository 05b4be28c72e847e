package org.saathi.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call which part of the API, in the order the API's security chain checks it:
 * the first rule that matches a request decides, and a request no rule matches is refused. The
 * API documents read the same table, so what they say about access is what the service does.
 */
final class ApiAccess {

    private static final Set<StaffRole> ALL_STAFF = EnumSet.allOf(StaffRole.class);
    private static final Set<StaffRole> ADMIN = EnumSet.of(StaffRole.ADMIN);
    private static final Set<StaffRole> NO_STAFF = EnumSet.noneOf(StaffRole.class);
    private static final Set<Scope> NO_KEY = EnumSet.noneOf(Scope.class);

    static final List<Rule> RULES = List.of(
            new Rule(null, ADMIN, NO_KEY, "/api/v1/api-keys", "/api/v1/api-keys/**"),
            new Rule(null, ADMIN, NO_KEY, "/api/v1/staff/**"),
            new Rule(PUT, ADMIN, NO_KEY, "/api/v1/programmes/**"),
            new Rule(GET, ALL_STAFF, NO_KEY, "/api/v1/programmes/**"),
            new Rule(PUT, ADMIN, EnumSet.of(Scope.ROSTER), "/api/v1/groups/**", "/api/v1/participants/**"),
            new Rule(GET, ALL_STAFF, EnumSet.of(Scope.ROSTER), "/api/v1/groups/**"),
            new Rule(GET, ALL_STAFF, NO_KEY, "/api/v1/participants/**"),
            new Rule(POST, NO_STAFF, EnumSet.of(Scope.INGEST), "/api/v1/check-ins", "/api/v1/check-ins/batch",
                    "/api/v1/attendance", "/api/v1/screenings"),
            new Rule(POST, ALL_STAFF, EnumSet.of(Scope.INGEST), "/api/v1/peer-concerns"),
            new Rule(GET, ALL_STAFF, NO_KEY, "/api/v1/alerts", "/api/v1/alerts/**"),
            new Rule(POST, ALL_STAFF, NO_KEY, "/api/v1/alerts/*/acknowledge"),
            new Rule(POST, EnumSet.of(StaffRole.COUNSELLOR, StaffRole.SUPERVISOR), NO_KEY,
                    "/api/v1/alerts/*/resolve", "/api/v1/alerts/*/snooze"),
            new Rule(POST, ADMIN, NO_KEY, "/api/v1/rules/reload"),
            new Rule(null, EnumSet.of(StaffRole.SUPERVISOR, StaffRole.ADMIN), NO_KEY, "/api/v1/rules/backtest",
                    "/api/v1/rules/backtest/**"),
            new Rule(GET, EnumSet.of(StaffRole.SUPERVISOR, StaffRole.ADMIN), EnumSet.of(Scope.METRICS),
                    "/api/v1/rules/quality"),
            new Rule(GET, ALL_STAFF, NO_KEY, "/api/v1/rules"),
            new Rule(GET, ADMIN, NO_KEY, "/api/v1/audit"));

    private ApiAccess() {
    }

    /**
     * The rule that decides a request for this method and path, as the security chain would find it;
     * path variables such as {@code {id}} stand for any one segment.
     */
    static Optional<Rule> of(HttpMethod method, String path) {
        PathContainer sample = PathContainer.parsePath(path.replaceAll("\\{[^/}]+}", "x"));
        return RULES.stream().filter(rule -> rule.matches(method, sample)).findFirst();
    }

    /** Staff with one of these roles (HTTP Basic) or a key with one of these scopes (Bearer) may pass. */
    record Rule(HttpMethod method, Set<StaffRole> roles, Set<Scope> scopes, List<String> patterns) {

        Rule(HttpMethod method, Set<StaffRole> roles, Set<Scope> scopes, String... patterns) {
            this(method, roles, scopes, List.of(patterns));
        }

        Rule {
            roles = Set.copyOf(roles);
            scopes = Set.copyOf(scopes);
            patterns = List.copyOf(patterns);
            if (roles.isEmpty() && scopes.isEmpty()) {
                throw new IllegalArgumentException("a rule that lets nobody in is denyAll: " + patterns);
            }
        }

        String[] authorities() {
            return Stream.concat(roles.stream().map(StaffRole::authority), scopes.stream().map(Scope::authority))
                    .sorted().toArray(String[]::new);
        }

        String[] patternArray() {
            return patterns.toArray(String[]::new);
        }

        private boolean matches(HttpMethod requested, PathContainer path) {
            return (method == null || method.equals(requested)) && patterns.stream()
                    .anyMatch(pattern -> PathPatternParser.defaultInstance.parse(pattern).matches(path));
        }

        @Override
        public String toString() {
            return (method == null ? "*" : method) + " " + patterns + " " + Arrays.toString(authorities());
        }
    }
}
