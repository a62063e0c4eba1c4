package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.ApiKeys;
import static io.switchboard.identity.internal.IdentityTables.Organizations;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.identity.internal.IdentityApi.ApiKey;
import io.switchboard.identity.internal.IdentityApi.CreatedApiKey;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.crypto.Tokens;
import io.switchboard.shared.db.Pages;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Organisation API keys: shown once, stored as SHA-256, looked up through a short-lived cache so
 * authenticated requests cost no database round trip. Revoking evicts locally; other nodes see it
 * within the cache TTL ({@code switchboard.auth.api-key-cache-ttl}).
 */
@Service
class ApiKeyService {

    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final AuditLog audit;
    private final Cache<String, Optional<CurrentPrincipal>> byHash;
    private final Map<UUID, Instant> lastUsedWritten = new ConcurrentHashMap<>();

    ApiKeyService(DSLContext db, ScopedTransactions tx, AuditLog audit, SwitchboardProperties properties) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.byHash = Caffeine.newBuilder()
                .expireAfterWrite(properties.auth().apiKeyCacheTtl())
                .maximumSize(100_000)
                .build();
    }

    CreatedApiKey create(String name, Set<ApiKeyScope> scopes, @Nullable Set<String> tools) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        Role effective = ApiKeyScope.effectiveRole(scopes);
        if (!principal.role().atLeast(effective)) {
            throw ApiProblem.invalidField("scopes", "cannot grant more than your own role allows");
        }
        String key = Tokens.newToken("sb_");
        UUID id = UUID.randomUUID();
        String prefix = key.substring(0, 10);
        var row = db.insertInto(ApiKeys.T)
                .set(ApiKeys.ID, id)
                .set(ApiKeys.ORG_ID, principal.orgId())
                .set(ApiKeys.NAME, name.trim())
                .set(ApiKeys.PREFIX, prefix)
                .set(ApiKeys.KEY_HASH, Tokens.sha256Hex(key))
                .set(
                        ApiKeys.SCOPES,
                        scopes.stream().map(ApiKeyScope::json).sorted().toArray(String[]::new))
                .set(
                        ApiKeys.TOOLS,
                        tools == null ? null : tools.stream().sorted().toArray(String[]::new))
                .set(ApiKeys.CREATED_BY, principal.userId())
                .returning(ApiKeys.CREATED_AT)
                .fetchSingle();
        audit.record(
                "api_key.created",
                "api_key",
                id.toString(),
                Map.of(
                        "name",
                        name,
                        "scopes",
                        scopes.stream().map(ApiKeyScope::json).sorted().toList(),
                        "tools",
                        tools == null ? "all" : tools.stream().sorted().toList()));
        return new CreatedApiKey(
                id,
                name.trim(),
                scopes,
                tools == null ? null : new TreeSet<>(tools),
                prefix,
                row.get(ApiKeys.CREATED_AT),
                key);
    }

    PageResponse<ApiKey> list(PageQuery page) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var where = ApiKeys.ORG_ID.eq(orgId);
        return Pages.fetch(
                db,
                page,
                db.select(ApiKeys.ALL).from(ApiKeys.T).where(where).orderBy(ApiKeys.CREATED_AT.desc(), ApiKeys.ID),
                ApiKeyService::toView);
    }

    void revoke(UUID id) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var hash = db.update(ApiKeys.T)
                .set(ApiKeys.REVOKED_AT, Instant.now())
                .where(ApiKeys.ID.eq(id), ApiKeys.ORG_ID.eq(orgId), ApiKeys.REVOKED_AT.isNull())
                .returning(ApiKeys.KEY_HASH)
                .fetchOptional();
        if (hash.isEmpty()) {
            boolean exists = db.fetchExists(ApiKeys.T, ApiKeys.ID.eq(id), ApiKeys.ORG_ID.eq(orgId));
            if (!exists) {
                throw ApiProblem.notFound("API key " + id);
            }
            return; // already revoked: revoking again is a no-op
        }
        byHash.invalidate(hash.get().get(ApiKeys.KEY_HASH));
        audit.record("api_key.revoked", "api_key", id.toString(), Map.of());
    }

    /** Resolves a raw key to the principal it acts as, or empty when unknown or revoked. */
    Optional<CurrentPrincipal> authenticate(String rawKey) {
        String hash = Tokens.sha256Hex(rawKey);
        Optional<CurrentPrincipal> principal = byHash.get(hash, this::load);
        principal.ifPresent(p -> touch(p.apiKeyId()));
        return principal;
    }

    private Optional<CurrentPrincipal> load(String hash) {
        return tx.asSystem(
                "api key lookup",
                () -> db.select(
                                ApiKeys.ID,
                                ApiKeys.ORG_ID,
                                ApiKeys.NAME,
                                ApiKeys.SCOPES,
                                ApiKeys.CREATED_BY,
                                ApiKeys.TOOLS)
                        .from(ApiKeys.T)
                        .join(Organizations.T)
                        .on(Organizations.ID.eq(ApiKeys.ORG_ID))
                        .where(ApiKeys.KEY_HASH.eq(hash), ApiKeys.REVOKED_AT.isNull())
                        .fetchOptional(r -> new CurrentPrincipal(
                                r.get(ApiKeys.CREATED_BY),
                                r.get(ApiKeys.ORG_ID),
                                ApiKeyScope.effectiveRole(scopes(r.get(ApiKeys.SCOPES))),
                                CurrentPrincipal.AuthMethod.API_KEY,
                                r.get(ApiKeys.ID),
                                false,
                                "API key " + r.get(ApiKeys.NAME),
                                tools(r.get(ApiKeys.TOOLS)))));
    }

    /** Records last use at most once a minute per key, so hot keys don't write on every request. */
    private void touch(UUID keyId) {
        Instant now = Instant.now();
        Instant previous = lastUsedWritten.get(keyId);
        if (previous != null && previous.plus(LAST_USED_GRANULARITY).isAfter(now)) {
            return;
        }
        lastUsedWritten.put(keyId, now);
        Thread.ofVirtual()
                .start(() -> tx.asSystem("api key last used", () -> {
                    db.update(ApiKeys.T)
                            .set(ApiKeys.LAST_USED_AT, now)
                            .where(ApiKeys.ID.eq(keyId))
                            .execute();
                }));
    }

    private static Set<ApiKeyScope> scopes(String[] values) {
        return Arrays.stream(values)
                .map(ApiKeyScope::fromJson)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiKeyScope.class)));
    }

    private static @Nullable Set<String> tools(String @Nullable [] values) {
        return values == null ? null : Set.copyOf(Arrays.asList(values));
    }

    private static ApiKey toView(Record r) {
        String[] tools = r.get(ApiKeys.TOOLS);
        return new ApiKey(
                r.get(ApiKeys.ID),
                r.get(ApiKeys.NAME),
                scopes(r.get(ApiKeys.SCOPES)),
                tools == null ? null : new TreeSet<>(Arrays.asList(tools)),
                r.get(ApiKeys.PREFIX),
                r.get(ApiKeys.CREATED_AT),
                r.get(ApiKeys.LAST_USED_AT),
                r.get(ApiKeys.REVOKED_AT));
    }
}
