package io.switchboard.llm.internal;

import static io.switchboard.llm.internal.LlmTables.Providers;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.llm.spi.ChatProviderFactory;
import io.switchboard.llm.spi.ProviderConfig;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.shared.web.OutboundUrlGuard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Provider configs of an organisation: settings in the clear, the API key encrypted and write-only. */
@Service
class ProviderStore {

    private static final int MAX_PROVIDERS = 50;

    private final DSLContext db;
    private final ProviderRegistry registry;
    private final EnvironmentProviders environment;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final ScopedTransactions tx;
    private final LlmProperties properties;

    ProviderStore(
            DSLContext db,
            ProviderRegistry registry,
            EnvironmentProviders environment,
            SecretBox secrets,
            AuditLog audit,
            ScopedTransactions tx,
            LlmProperties properties) {
        this.db = db;
        this.registry = registry;
        this.environment = environment;
        this.secrets = secrets;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
    }

    /** A stored provider as the gateway and the API see it. */
    record StoredProvider(
            ProviderConfig config,
            @Nullable String configuredBaseUrl,
            boolean enabled,
            boolean hasApiKey,
            boolean fromEnvironment,
            @Nullable Instant createdAt) {}

    record Changes(
            @Nullable String name,
            @Nullable String baseUrl,
            @Nullable String apiKey,
            @Nullable String model,
            @Nullable Double temperature,
            @Nullable Integer maxOutputTokens,
            @Nullable Boolean enabled) {}

    /** The organisation's own providers (oldest first), then the environment's. */
    List<StoredProvider> list(UUID orgId) {
        var result = new ArrayList<StoredProvider>();
        db.select(Providers.ALL)
                .from(Providers.T)
                .where(Providers.ORG_ID.eq(orgId))
                .orderBy(Providers.CREATED_AT, Providers.ID)
                .fetch()
                .forEach(r -> toStored(r).ifPresent(result::add));
        environment
                .all()
                .forEach(c -> result.add(new StoredProvider(c, c.baseUrl(), true, c.apiKey() != null, true, null)));
        return result;
    }

    StoredProvider get(UUID orgId, UUID id) {
        return find(orgId, id).orElseThrow(() -> ApiProblem.notFound("Provider " + id));
    }

    /** For the gateway: any provider of the organisation (or of the environment), key decrypted. */
    Optional<StoredProvider> find(UUID orgId, UUID id) {
        var env = environment.find(id);
        if (env.isPresent()) {
            var c = env.get();
            return Optional.of(new StoredProvider(c, c.baseUrl(), true, c.apiKey() != null, true, null));
        }
        return db.select(Providers.ALL)
                .from(Providers.T)
                .where(Providers.ORG_ID.eq(orgId), Providers.ID.eq(id))
                .fetchOptional()
                .flatMap(this::toStored);
    }

    /** The same, from code that has no transaction of its own (the gateway, other modules). */
    Optional<StoredProvider> load(UUID orgId, UUID id) {
        return tx.inOrg(orgId, () -> find(orgId, id));
    }

    List<StoredProvider> loadAll(UUID orgId) {
        return tx.inOrg(orgId, () -> list(orgId));
    }

    @Transactional
    StoredProvider create(
            String type,
            String name,
            @Nullable String baseUrl,
            @Nullable String apiKey,
            @Nullable String model,
            @Nullable Double temperature,
            @Nullable Integer maxOutputTokens,
            @Nullable Boolean enabled) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        ChatProviderFactory factory = registry.require(type);
        int count = db.fetchCount(Providers.T, Providers.ORG_ID.eq(principal.orgId()));
        if (count >= MAX_PROVIDERS) {
            throw ApiProblem.conflict(
                    "too-many-providers", "An organisation may configure at most " + MAX_PROVIDERS + " providers");
        }
        String checkedBaseUrl = checkBaseUrl(baseUrl);
        String key = blankToNull(apiKey);
        if (factory.requiresApiKey() && key == null) {
            throw ApiProblem.invalidField("apiKey", "is required for " + type);
        }
        validate(temperature, maxOutputTokens);
        UUID id = UUID.randomUUID();
        db.insertInto(Providers.T)
                .set(Providers.ID, id)
                .set(Providers.ORG_ID, principal.orgId())
                .set(Providers.TYPE, type)
                .set(Providers.NAME, name.trim())
                .set(Providers.BASE_URL, checkedBaseUrl)
                .set(Providers.API_KEY, key == null ? null : secrets.encryptString(purpose(id), key))
                .set(Providers.MODEL, model == null || model.isBlank() ? factory.defaultModel() : model.trim())
                .set(Providers.TEMPERATURE, temperature)
                .set(Providers.MAX_OUTPUT_TOKENS, maxOutputTokens)
                .set(Providers.ENABLED, enabled == null || enabled)
                .execute();
        audit.record("llm_provider.created", "llm_provider", id.toString(), Map.of("type", type, "name", name.trim()));
        return get(principal.orgId(), id);
    }

    @Transactional
    StoredProvider update(UUID id, Changes changes) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        Record current = row(principal.orgId(), id);
        ChatProviderFactory factory = registry.require(current.get(Providers.TYPE));
        var update = db.update(Providers.T).set(Providers.UPDATED_AT, Instant.now());
        var fields = new ArrayList<String>();
        if (changes.name() != null) {
            if (changes.name().isBlank()) throw ApiProblem.invalidField("name", "must not be blank");
            update = update.set(Providers.NAME, changes.name().trim());
            fields.add("name");
        }
        if (changes.baseUrl() != null) {
            update = update.set(Providers.BASE_URL, checkBaseUrl(changes.baseUrl()));
            fields.add("baseUrl");
        }
        if (changes.apiKey() != null) {
            String key = blankToNull(changes.apiKey());
            if (key == null && factory.requiresApiKey()) {
                throw ApiProblem.invalidField("apiKey", "is required for " + factory.type());
            }
            update = update.set(Providers.API_KEY, key == null ? null : secrets.encryptString(purpose(id), key));
            fields.add("apiKey");
        }
        if (changes.model() != null) {
            if (changes.model().isBlank()) throw ApiProblem.invalidField("model", "must not be blank");
            update = update.set(Providers.MODEL, changes.model().trim());
            fields.add("model");
        }
        validate(changes.temperature(), changes.maxOutputTokens());
        if (changes.temperature() != null) {
            update = update.set(Providers.TEMPERATURE, changes.temperature());
            fields.add("temperature");
        }
        if (changes.maxOutputTokens() != null) {
            update = update.set(Providers.MAX_OUTPUT_TOKENS, changes.maxOutputTokens());
            fields.add("maxOutputTokens");
        }
        if (changes.enabled() != null) {
            update = update.set(Providers.ENABLED, changes.enabled());
            fields.add("enabled");
        }
        update.where(Providers.ORG_ID.eq(principal.orgId()), Providers.ID.eq(id))
                .execute();
        audit.record("llm_provider.updated", "llm_provider", id.toString(), Map.of("fields", fields));
        return get(principal.orgId(), id);
    }

    @Transactional
    void delete(UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        row(principal.orgId(), id);
        db.deleteFrom(Providers.T)
                .where(Providers.ORG_ID.eq(principal.orgId()), Providers.ID.eq(id))
                .execute();
        audit.record("llm_provider.deleted", "llm_provider", id.toString(), Map.of());
    }

    /** Environment providers are the operator's: an organisation can use them but not change them. */
    void requireOwn(UUID id) {
        if (environment.find(id).isPresent()) {
            throw ApiProblem.conflict(
                    "environment-provider",
                    "This provider comes from the server's environment and cannot be changed here");
        }
    }

    private Record row(UUID orgId, UUID id) {
        return db.select(Providers.ALL)
                .from(Providers.T)
                .where(Providers.ORG_ID.eq(orgId), Providers.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Provider " + id));
    }

    private Optional<StoredProvider> toStored(Record r) {
        return registry.find(r.get(Providers.TYPE)).map(factory -> {
            UUID id = r.get(Providers.ID);
            byte[] key = r.get(Providers.API_KEY);
            String baseUrl = r.get(Providers.BASE_URL);
            var config = new ProviderConfig(
                    id,
                    factory.type(),
                    r.get(Providers.NAME),
                    baseUrl == null ? factory.defaultBaseUrl() : baseUrl,
                    key == null ? null : secrets.decryptString(purpose(id), key),
                    r.get(Providers.MODEL),
                    r.get(Providers.TEMPERATURE),
                    r.get(Providers.MAX_OUTPUT_TOKENS));
            return new StoredProvider(
                    config, baseUrl, r.get(Providers.ENABLED), key != null, false, r.get(Providers.CREATED_AT));
        });
    }

    /** Blank means the provider's default; anything else must be a public http(s) URL (unless the operator allows private ones). */
    private @Nullable String checkBaseUrl(@Nullable String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) return null;
        String url = OutboundUrlGuard.check("baseUrl", baseUrl, properties.allowPrivateBaseUrls())
                .toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void validate(@Nullable Double temperature, @Nullable Integer maxOutputTokens) {
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw ApiProblem.invalidField("temperature", "must be between 0 and 2");
        }
        if (maxOutputTokens != null && (maxOutputTokens < 1 || maxOutputTokens > 200_000)) {
            throw ApiProblem.invalidField("maxOutputTokens", "must be between 1 and 200000");
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String purpose(UUID id) {
        return "llm-provider-key:" + id;
    }
}
