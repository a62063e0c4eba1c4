package io.switchboard.calls.internal;

import io.switchboard.calls.internal.CallTables.Rates;
import io.switchboard.calls.internal.CallTables.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Per-organisation rates per provider and minute, and the LLM chain for scripts and analysis. */
@Component
class CallSettings {

    static final List<String> PROVIDERS = List.of("bland", "simulator");

    private final DSLContext db;
    private final CallProperties properties;
    private final JsonMapper json;

    CallSettings(DSLContext db, CallProperties properties, JsonMapper json) {
        this.db = db;
        this.properties = properties;
        this.json = json;
    }

    long rate(UUID orgId, String provider) {
        return db.select(Rates.RATE)
                .from(Rates.T)
                .where(Rates.ORG_ID.eq(orgId).and(Rates.PROVIDER.eq(provider)))
                .fetchOptional(Rates.RATE)
                .orElse(properties.defaultRate(provider));
    }

    void setRate(UUID orgId, String provider, long rate) {
        db.insertInto(Rates.T)
                .set(Rates.ORG_ID, orgId)
                .set(Rates.PROVIDER, provider)
                .set(Rates.RATE, rate)
                .onConflict(Rates.ORG_ID, Rates.PROVIDER)
                .doUpdate()
                .set(Rates.RATE, rate)
                .set(Rates.UPDATED_AT, Instant.now())
                .execute();
    }

    List<UUID> llmChain(UUID orgId) {
        return db.select(Settings.LLM_CHAIN)
                .from(Settings.T)
                .where(Settings.ORG_ID.eq(orgId))
                .fetchOptional(Settings.LLM_CHAIN)
                .map(j -> {
                    var out = new ArrayList<UUID>();
                    for (var n : json.readTree(j.data())) out.add(UUID.fromString(n.asString()));
                    return (List<UUID>) out;
                })
                .orElse(List.of());
    }

    void setLlmChain(UUID orgId, List<UUID> chain) {
        JSONB value = JSONB.valueOf(
                json.writeValueAsString(chain.stream().map(UUID::toString).toList()));
        db.insertInto(Settings.T)
                .set(Settings.ORG_ID, orgId)
                .set(Settings.LLM_CHAIN, value)
                .onConflict(Settings.ORG_ID)
                .doUpdate()
                .set(Settings.LLM_CHAIN, value)
                .set(Settings.UPDATED_AT, Instant.now())
                .execute();
    }
}
