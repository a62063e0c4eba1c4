package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.Channels;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.billing.Limit;
import io.switchboard.billing.Quotas;
import io.switchboard.channels.spi.ChannelAdapterFactory;
import io.switchboard.channels.spi.ChannelAdapterFactory.ConfigField;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.crypto.Tokens;
import io.switchboard.shared.db.AfterCommit;
import io.switchboard.shared.db.Pages;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.shared.web.PublicUrls;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Channel connections: settings in the clear, secrets encrypted and never returned. */
@Service
class ChannelService {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final DSLContext db;
    private final ChannelRegistry registry;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final PublicUrls urls;
    private final AuditLog audit;
    private final ScopedTransactions tx;
    private final Quotas quotas;
    private final org.springframework.beans.factory.ObjectProvider<io.switchboard.channels.AgentReferences> agents;

    static final Duration LOADED_TTL = Duration.ofSeconds(5);
    private final Cache<UUID, Optional<LoadedChannel>> loaded = Caffeine.newBuilder()
            .expireAfterWrite(LOADED_TTL)
            .maximumSize(10_000)
            .build();

    ChannelService(
            DSLContext db,
            ChannelRegistry registry,
            SecretBox secrets,
            JsonMapper json,
            PublicUrls urls,
            AuditLog audit,
            ScopedTransactions tx,
            org.springframework.beans.factory.ObjectProvider<io.switchboard.channels.AgentReferences> agents,
            Quotas quotas) {
        this.quotas = quotas;
        this.agents = agents;
        this.db = db;
        this.registry = registry;
        this.secrets = secrets;
        this.json = json;
        this.urls = urls;
        this.audit = audit;
        this.tx = tx;
    }

    record ChannelView(
            UUID id,
            String type,
            String name,
            String publicId,
            Map<String, String> config,
            List<String> secretsSet,
            @Nullable UUID agentId,
            boolean enabled,
            double ratePerSecond,
            @Nullable String webhookUrl,
            Instant createdAt) {}

    /** A channel with everything a worker needs to talk to its provider. */
    record LoadedChannel(
            ChannelConnection connection, ChannelAdapterFactory factory, boolean enabled, double ratePerSecond) {}

    PageResponse<ChannelView> list(PageQuery page) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return Pages.fetch(
                db,
                page,
                db.select(Channels.ALL)
                        .from(Channels.T)
                        .where(Channels.ORG_ID.eq(orgId))
                        .orderBy(Channels.CREATED_AT.desc(), Channels.ID),
                this::toView);
    }

    ChannelView get(UUID id) {
        return toView(row(CurrentPrincipal.get().orgId(), id));
    }

    @Transactional
    ChannelView create(
            String type,
            String name,
            Map<String, String> config,
            @Nullable UUID agentId,
            @Nullable Double ratePerSecond) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        ChannelAdapterFactory factory = registry.require(type);
        var split = split(factory, config, Map.of(), Map.of());
        checkAgent(principal.orgId(), agentId);
        quotas.requireRoom(principal.orgId(), Limit.ACTIVE_CHANNELS, 1);
        UUID id = UUID.randomUUID();
        db.insertInto(Channels.T)
                .set(Channels.ID, id)
                .set(Channels.ORG_ID, principal.orgId())
                .set(Channels.TYPE, type)
                .set(Channels.NAME, name.trim())
                .set(Channels.PUBLIC_ID, Tokens.newToken("ch_").substring(0, 27))
                .set(Channels.CONFIG, JSONB.valueOf(json.writeValueAsString(split.plain())))
                .set(Channels.SECRETS, encryptSecrets(id, split.secret()))
                .set(Channels.AGENT_ID, agentId)
                .set(Channels.RATE_PER_SECOND, rate(ratePerSecond, factory))
                .execute();
        audit.record("channel.created", "channel", id.toString(), Map.of("type", type, "name", name));
        return get(id);
    }

    @Transactional
    ChannelView update(
            UUID id,
            @Nullable String name,
            @Nullable Map<String, String> config,
            @Nullable UUID agentId,
            @Nullable Boolean detachAgent,
            @Nullable Boolean enabled,
            @Nullable Double ratePerSecond) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        checkAgent(principal.orgId(), agentId);
        Record current = row(principal.orgId(), id);
        ChannelAdapterFactory factory = registry.require(current.get(Channels.TYPE));
        var update = db.update(Channels.T).set(Channels.UPDATED_AT, Instant.now());
        if (name != null) update = update.set(Channels.NAME, name.trim());
        if (config != null) {
            var split = split(factory, config, plainConfig(current), decryptSecrets(id, current.get(Channels.SECRETS)));
            update = update.set(Channels.CONFIG, JSONB.valueOf(json.writeValueAsString(split.plain())))
                    .set(Channels.SECRETS, encryptSecrets(id, split.secret()));
        }
        if (Boolean.TRUE.equals(detachAgent)) update = update.set(Channels.AGENT_ID, (UUID) null);
        else if (agentId != null) update = update.set(Channels.AGENT_ID, agentId);
        if (enabled != null) {
            if (enabled && !current.get(Channels.ENABLED)) {
                quotas.requireRoom(principal.orgId(), Limit.ACTIVE_CHANNELS, 1);
            }
            update = update.set(Channels.ENABLED, enabled);
        }
        if (ratePerSecond != null) update = update.set(Channels.RATE_PER_SECOND, rate(ratePerSecond, factory));
        update.where(Channels.ORG_ID.eq(principal.orgId()), Channels.ID.eq(id)).execute();
        forget(id);
        audit.record(
                "channel.updated",
                "channel",
                id.toString(),
                Map.of(
                        "fields",
                        changed(
                                name,
                                config,
                                Boolean.TRUE.equals(detachAgent) ? "" : agentId,
                                enabled,
                                ratePerSecond)));
        return get(id);
    }

    @Transactional
    void disable(UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        row(principal.orgId(), id);
        db.update(Channels.T)
                .set(Channels.ENABLED, false)
                .set(Channels.UPDATED_AT, Instant.now())
                .where(Channels.ORG_ID.eq(principal.orgId()), Channels.ID.eq(id))
                .execute();
        forget(id);
        audit.record("channel.disabled", "channel", id.toString(), Map.of());
    }

    /**
     * For webhooks and workers: any organisation's channel, with secrets decrypted. Cached for a few
     * seconds because every webhook needs it; this node forgets a channel as soon as it is changed,
     * other nodes within {@link #LOADED_TTL}.
     */
    Optional<LoadedChannel> load(UUID channelId) {
        return loaded.get(channelId, this::loadFresh);
    }

    private Optional<LoadedChannel> loadFresh(UUID channelId) {
        return tx.asSystem(
                        "channel load",
                        () -> db.select(Channels.ALL)
                                .from(Channels.T)
                                .where(Channels.ID.eq(channelId))
                                .fetchOptional())
                .flatMap(r -> registry.find(r.get(Channels.TYPE)).map(factory -> toLoaded(r, factory)));
    }

    Optional<LoadedChannel> loadByPublicId(String publicId) {
        return tx.asSystem(
                        "channel load",
                        () -> db.select(Channels.ALL)
                                .from(Channels.T)
                                .where(Channels.PUBLIC_ID.eq(publicId))
                                .fetchOptional())
                .flatMap(r -> registry.find(r.get(Channels.TYPE)).map(factory -> toLoaded(r, factory)));
    }

    /** Now and again after commit, so no reader caches the old row in between. */
    private void forget(UUID id) {
        loaded.invalidate(id);
        AfterCommit.run(() -> loaded.invalidate(id));
    }

    private LoadedChannel toLoaded(Record r, ChannelAdapterFactory factory) {
        UUID id = r.get(Channels.ID);
        Map<String, String> all = new HashMap<>(plainConfig(r));
        all.putAll(decryptSecrets(id, r.get(Channels.SECRETS)));
        var connection = new ChannelConnection(
                id,
                r.get(Channels.ORG_ID),
                r.get(Channels.TYPE),
                r.get(Channels.PUBLIC_ID),
                Map.copyOf(all),
                webhookUrl(factory, id));
        return new LoadedChannel(connection, factory, r.get(Channels.ENABLED), r.get(Channels.RATE_PER_SECOND));
    }

    /** An agent id must name an agent of this organisation (when the agents module is present). */
    private void checkAgent(UUID orgId, @Nullable UUID agentId) {
        var references = agents.getIfAvailable();
        if (agentId != null && references != null && !references.exists(orgId, agentId)) {
            throw ApiProblem.invalidField("agentId", "is not an agent of this organisation");
        }
    }

    private Record row(UUID orgId, UUID id) {
        return db.select(Channels.ALL)
                .from(Channels.T)
                .where(Channels.ORG_ID.eq(orgId), Channels.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Channel " + id));
    }

    private record SplitConfig(Map<String, String> plain, Map<String, String> secret) {}

    /** Merges a change into the current settings; unknown keys are refused, an empty secret removes it. */
    private SplitConfig split(
            ChannelAdapterFactory factory,
            Map<String, String> change,
            Map<String, String> plain,
            Map<String, String> secret) {
        Map<String, ConfigField> fields =
                factory.configFields().stream().collect(Collectors.toMap(ConfigField::name, f -> f));
        var newPlain = new LinkedHashMap<>(plain);
        var newSecret = new LinkedHashMap<>(secret);
        for (var entry : change.entrySet()) {
            ConfigField field = fields.get(entry.getKey());
            if (field == null) {
                throw ApiProblem.invalidField(
                        "config." + entry.getKey(),
                        "is not a setting of " + factory.type() + " (known: " + String.join(", ", fields.keySet())
                                + ")");
            }
            var target = field.secret() ? newSecret : newPlain;
            if (entry.getValue() == null || entry.getValue().isBlank()) target.remove(entry.getKey());
            else target.put(entry.getKey(), entry.getValue().trim());
        }
        var merged = new HashMap<>(newPlain);
        merged.putAll(newSecret);
        var problems = factory.validate(merged);
        if (!problems.isEmpty()) {
            var first = problems.entrySet().iterator().next();
            throw ApiProblem.invalidField(first.getKey(), first.getValue());
        }
        return new SplitConfig(newPlain, newSecret);
    }

    private Map<String, String> plainConfig(Record r) {
        return json.readValue(r.get(Channels.CONFIG).data(), STRING_MAP);
    }

    private byte @Nullable [] encryptSecrets(UUID channelId, Map<String, String> values) {
        return values.isEmpty()
                ? null
                : secrets.encryptString("channel-secrets:" + channelId, json.writeValueAsString(values));
    }

    private Map<String, String> decryptSecrets(UUID channelId, byte @Nullable [] ciphertext) {
        return ciphertext == null
                ? Map.of()
                : json.readValue(secrets.decryptString("channel-secrets:" + channelId, ciphertext), STRING_MAP);
    }

    private @Nullable String webhookUrl(ChannelAdapterFactory factory, UUID id) {
        return factory.webhookPath()
                .map(path -> urls.base() + "/webhooks/" + path + "/" + id)
                .orElse(null);
    }

    private static double rate(@Nullable Double requested, ChannelAdapterFactory factory) {
        if (requested == null) return factory.defaultRatePerSecond();
        if (requested <= 0 || requested > 1000)
            throw ApiProblem.invalidField("ratePerSecond", "must be between 0 (exclusive) and 1000");
        return requested;
    }

    private static List<String> changed(Object... values) {
        String[] names = {"name", "config", "agentId", "enabled", "ratePerSecond"};
        var result = new java.util.ArrayList<String>();
        for (int i = 0; i < values.length; i++) if (values[i] != null) result.add(names[i]);
        return result;
    }

    private ChannelView toView(Record r) {
        UUID id = r.get(Channels.ID);
        var factory = registry.find(r.get(Channels.TYPE));
        Set<String> secretNames = decryptSecrets(id, r.get(Channels.SECRETS)).keySet();
        return new ChannelView(
                id,
                r.get(Channels.TYPE),
                r.get(Channels.NAME),
                r.get(Channels.PUBLIC_ID),
                plainConfig(r),
                secretNames.stream().sorted().toList(),
                r.get(Channels.AGENT_ID),
                r.get(Channels.ENABLED),
                r.get(Channels.RATE_PER_SECOND),
                factory.map(f -> webhookUrl(f, id)).orElse(null),
                r.get(Channels.CREATED_AT));
    }
}
