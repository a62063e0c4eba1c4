package io.switchboard.calls.internal;

import io.switchboard.calls.internal.CallTables.WebhookEvents;
import io.switchboard.shared.db.ScopedTransactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bland's post-call webhooks: verified (hex HMAC-SHA256 of the raw body with the signing secret),
 * stored before the 2xx, applied by the call worker. A replayed body is stored once; a repeated report
 * of a finished call changes nothing.
 */
@Component
class CallWebhooks {

    private static final Logger log = LoggerFactory.getLogger(CallWebhooks.class);

    private final ScopedTransactions tx;
    private final DSLContext db;
    private final JsonMapper json;
    private final CallProperties properties;
    private final CallStore store;
    private final CallLifecycle lifecycle;
    private final CallWorker worker;

    CallWebhooks(
            ScopedTransactions tx,
            DSLContext db,
            JsonMapper json,
            CallProperties properties,
            CallStore store,
            CallLifecycle lifecycle,
            CallWorker worker) {
        this.tx = tx;
        this.db = db;
        this.json = json;
        this.properties = properties;
        this.store = store;
        this.lifecycle = lifecycle;
        this.worker = worker;
    }

    boolean signingConfigured() {
        return properties.blandWebhookSecret() != null
                && !properties.blandWebhookSecret().isBlank();
    }

    /** Constant-time check of {@code X-Webhook-Signature} (hex, either case). */
    boolean verify(byte[] body, @Nullable String signature) {
        String secret = properties.blandWebhookSecret();
        if (secret == null || secret.isBlank() || signature == null || signature.isBlank()) return false;
        byte[] expected = hmac(secret, body);
        byte[] given;
        try {
            given = HexFormat.of()
                    .parseHex(
                            signature.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst("^sha256=", ""));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits the raw event; answers false for a replay (same body already stored). */
    boolean store(UUID orgId, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String callId = null;
        try {
            JsonNode node = json.readTree(text);
            callId = node.path("call_id").asString(null);
        } catch (RuntimeException ignored) {
            // stored anyway: the worker records why it could not use it
        }
        String providerCallId = callId;
        String sha = HexFormat.of().formatHex(sha256(body));
        boolean stored = tx.inOrg(
                orgId,
                () -> db.insertInto(WebhookEvents.T)
                                .set(WebhookEvents.ORG_ID, orgId)
                                .set(WebhookEvents.PROVIDER, "bland")
                                .set(WebhookEvents.PROVIDER_CALL_ID, providerCallId)
                                .set(WebhookEvents.BODY_SHA256, sha)
                                .set(WebhookEvents.BODY, text)
                                .onConflictDoNothing()
                                .execute()
                        == 1);
        if (stored) worker.wakeUp();
        return stored;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Pending(long id, UUID orgId, @Nullable String providerCallId, String body) {}

    /** Applies stored webhooks, each in its own transaction with the event row locked. */
    int processPending(int limit) {
        var pending = tx.asSystem(
                "call webhooks",
                () -> db.select(
                                WebhookEvents.ID,
                                WebhookEvents.ORG_ID,
                                WebhookEvents.PROVIDER_CALL_ID,
                                WebhookEvents.BODY)
                        .from(WebhookEvents.T)
                        .where(WebhookEvents.PROCESSED_AT.isNull().and(WebhookEvents.ATTEMPTS.lt(10)))
                        .orderBy(WebhookEvents.ID)
                        .limit(limit)
                        .fetch(r -> new Pending(
                                r.get(WebhookEvents.ID),
                                r.get(WebhookEvents.ORG_ID),
                                r.get(WebhookEvents.PROVIDER_CALL_ID),
                                r.get(WebhookEvents.BODY))));
        for (var event : pending) {
            try {
                tx.inOrg(event.orgId(), () -> {
                    var locked = db.select(WebhookEvents.ID)
                            .from(WebhookEvents.T)
                            .where(WebhookEvents.ID.eq(event.id()).and(WebhookEvents.PROCESSED_AT.isNull()))
                            .forUpdate()
                            .skipLocked()
                            .fetchOptional();
                    if (locked.isEmpty()) return null;
                    String error = null;
                    UUID callId = event.providerCallId() == null
                            ? null
                            : store.findByProviderCallId(event.orgId(), "bland", event.providerCallId())
                                    .orElse(null);
                    if (callId == null) {
                        error = "no call of this organisation has Bland call id " + event.providerCallId();
                    } else {
                        CallRow call = store.find(event.orgId(), callId).orElseThrow();
                        lifecycle.apply(
                                event.orgId(),
                                callId,
                                BlandProvider.snapshot(json.readTree(event.body()), call.currency()));
                    }
                    db.update(WebhookEvents.T)
                            .set(WebhookEvents.PROCESSED_AT, Instant.now())
                            .set(WebhookEvents.LAST_ERROR, error)
                            .set(WebhookEvents.ATTEMPTS, WebhookEvents.ATTEMPTS.plus(1))
                            .where(WebhookEvents.ID.eq(event.id()))
                            .execute();
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("Bland webhook {} failed: {}", event.id(), e.toString());
                tx.inOrg(
                        event.orgId(),
                        () -> db.update(WebhookEvents.T)
                                .set(WebhookEvents.ATTEMPTS, WebhookEvents.ATTEMPTS.plus(1))
                                .set(WebhookEvents.LAST_ERROR, e.toString())
                                .where(WebhookEvents.ID.eq(event.id()))
                                .execute());
            }
        }
        return pending.size();
    }
}
