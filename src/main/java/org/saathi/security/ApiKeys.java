package org.saathi.security;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.saathi.api.Digests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integration keys. A key is 32 random bytes, shown once at creation; only its SHA-256 is stored,
 * which is safe for a secret of that strength and lets every request find its key with one lookup.
 */
@Service
public class ApiKeys {

    private static final String KEY_PREFIX = "sk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final Audit audit;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, StaffDirectory staff, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    public record CreatedKey(ApiKey key, String secret) {
    }

    /** @param programmeId the programme the key serves; empty for a key of the whole deployment */
    public record ApiKey(UUID id, String name, String prefix, Set<Scope> scopes, Optional<String> programmeId,
            String createdBy, Instant createdAt, Optional<Instant> revokedAt) {
    }

    /** The programme a key serves unless the admin names another: their own. */
    public String defaultProgramme(Caller admin) {
        return staff.programmeOf(admin.id()).orElse("default");
    }

    /** Every programme's id, for the admin to choose a key's from. */
    public List<String> programmes() {
        return staff.programmeIds();
    }

    /**
     * Makes a key for one programme, or for every programme when {@code programmeId} is empty;
     * answers empty when there is no such programme.
     */
    @Transactional
    public Optional<CreatedKey> create(String name, Set<Scope> scopes, Optional<String> programmeId, Caller admin) {
        if (programmeId.isPresent() && !programmes().contains(programmeId.get())) {
            return Optional.empty();
        }
        String createdBy = admin.id();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String prefix = secret.substring(0, 10);
        // PostgreSQL keeps microseconds: answer the time as it is stored.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = jdbc.sql("""
                        INSERT INTO api_key (name, key_hash, key_prefix, scopes, programme_id, created_by, created_at)
                        VALUES (:name, :hash, :prefix, :scopes, :programme, :createdBy, :createdAt)
                        RETURNING id""")
                .param("name", name)
                .param("hash", Digests.sha256Hex(secret))
                .param("prefix", prefix)
                .param("scopes", scopes.stream().map(Scope::wire).sorted().toArray(String[]::new))
                .param("programme", programmeId.orElse(null))
                .param("createdBy", createdBy)
                .param("createdAt", java.sql.Timestamp.from(now))
                .query(UUID.class).single();
        audit.record(admin, Audit.Action.API_KEY_CREATED, null, id.toString(),
                java.util.Map.of("programmeId", new Audit.Change(null, programmeId.orElse("*"))));
        return Optional.of(new CreatedKey(
                new ApiKey(id, name, prefix, scopes, programmeId, createdBy, now, Optional.empty()), secret));
    }

    Optional<Caller> authenticate(String secret) {
        if (!secret.startsWith(KEY_PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, name, scopes, programme_id FROM api_key WHERE key_hash = :hash AND revoked_at IS NULL")
                .param("hash", Digests.sha256Hex(secret))
                .query((rs, row) -> new Caller(Caller.Kind.INTEGRATION, rs.getString("id"), rs.getString("name"),
                        scopes(rs).stream().map(Scope::authority).collect(Collectors.toSet()),
                        Optional.ofNullable(rs.getString("programme_id"))))
                .optional();
    }

    public List<ApiKey> list() {
        return jdbc.sql("SELECT * FROM api_key ORDER BY created_at DESC").query(ApiKeys::apiKey).list();
    }

    /** The keys a staff member made that still work, for an admin to revoke once that person has left. */
    public List<ApiKey> activeMadeBy(String staffId) {
        return jdbc.sql("SELECT * FROM api_key WHERE created_by = :id AND revoked_at IS NULL ORDER BY created_at DESC")
                .param("id", staffId).query(ApiKeys::apiKey).list();
    }

    /** Revokes a key; answers the key as it now stands, or empty when there is no such key. */
    @Transactional
    public Optional<ApiKey> revoke(Caller admin, UUID id) {
        int revoked = jdbc.sql("UPDATE api_key SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (revoked > 0) {
            audit.record(admin, Audit.Action.API_KEY_REVOKED, null, id.toString());
        }
        return jdbc.sql("SELECT * FROM api_key WHERE id = :id").param("id", id).query(ApiKeys::apiKey).optional();
    }

    private static ApiKey apiKey(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("key_prefix"),
                scopes(rs), Optional.ofNullable(rs.getString("programme_id")), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("revoked_at")).map(java.sql.Timestamp::toInstant));
    }

    private static Set<Scope> scopes(ResultSet rs) throws SQLException {
        Array array = rs.getArray("scopes");
        return Arrays.stream((String[]) array.getArray()).map(Scope::fromWire).collect(Collectors.toSet());
    }
}
