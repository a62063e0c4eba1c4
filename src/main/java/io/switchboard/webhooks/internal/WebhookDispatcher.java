package io.switchboard.webhooks.internal;

import static io.switchboard.webhooks.internal.WebhookTables.Attempts;
import static io.switchboard.webhooks.internal.WebhookTables.Deliveries;
import static io.switchboard.webhooks.internal.WebhookTables.Endpoints;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.identity.Mailer;
import io.switchboard.identity.OrganizationMembers;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.db.ScopedTransactions;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers due webhook deliveries: a claim loop takes batches ({@code FOR UPDATE SKIP LOCKED}, marked
 * 'sending' under a lease, so any number of nodes share the work and a dead node's claims come back),
 * each delivery is posted on its own virtual thread (up to {@code maxInFlight} at once), and a writer
 * records the outcomes in batches: success, a retry on the schedule, or dead after the last retry
 * (and the endpoint disabled, its admins mailed). At least once: a crash between the POST and the
 * write means the delivery is sent again after the lease.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    static final int MAX_RESPONSE_BODY = 4096;
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final String SECRET_PURPOSE = "webhook-secret";

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final WebhookProperties properties;
    private final Mailer mailer;
    private final OrganizationMembers members;
    private final HttpClient http;
    private final Semaphore slots;
    // decrypting (AES-GCM) for every delivery cost more CPU than signing it
    private final Cache<ByteBuffer, String> decrypted = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private final Semaphore signal = new Semaphore(0);
    private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private @Nullable Thread claimer;
    private @Nullable Thread writer;

    WebhookDispatcher(
            DSLContext db,
            ScopedTransactions tx,
            SecretBox secrets,
            JsonMapper json,
            WebhookProperties properties,
            Mailer mailer,
            OrganizationMembers members) {
        this.db = db;
        this.tx = tx;
        this.secrets = secrets;
        this.json = json;
        this.properties = properties;
        this.mailer = mailer;
        this.members = members;
        this.slots = new Semaphore(properties.maxInFlight());
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead past the SSRF check
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    byte[] encryptSecret(String secret) {
        return secrets.encryptString(SECRET_PURPOSE, secret);
    }

    /** Cached by ciphertext: a rotated secret has a new ciphertext, so nothing stale is ever used. */
    String decryptSecret(byte[] ciphertext) {
        return decrypted.get(ByteBuffer.wrap(ciphertext), key -> secrets.decryptString(SECRET_PURPOSE, ciphertext));
    }

    /** New deliveries were committed: claim now instead of at the next idle poll. */
    void wake() {
        signal.release();
    }

    record Claimed(
            UUID id,
            UUID orgId,
            UUID endpointId,
            UUID messageId,
            int failures,
            UUID claimId,
            String url,
            byte[] secret,
            byte @Nullable [] previousSecret,
            @Nullable Instant previousSecretExpiresAt,
            String payload) {}

    record Outcome(
            Claimed delivery,
            Instant attemptedAt,
            Map<String, String> requestHeaders,
            @Nullable Integer status,
            @Nullable String responseBody,
            @Nullable String error,
            int durationMs) {
        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    // ---- claiming

    private void claimLoop() {
        while (running) {
            try {
                // when saturated, wait for half a batch of free slots: claiming one row per
                // transaction as single slots free up would cost a transaction per delivery
                int threshold = Math.max(1, Math.min(properties.batchSize(), properties.maxInFlight()) / 2);
                int free = slots.availablePermits();
                if (free < threshold) {
                    slots.acquire(threshold);
                    slots.release(threshold);
                    continue;
                }
                List<Claimed> batch = claim(Math.min(free, properties.batchSize()));
                for (Claimed delivery : batch) {
                    slots.acquire();
                    Thread.ofVirtual().name("webhook-send").start(() -> {
                        try {
                            outcomes.add(send(delivery));
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (batch.isEmpty()) {
                    signal.tryAcquire(500, TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) return;
                log.warn("Webhook claim failed, retrying shortly: {}", e.toString());
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    List<Claimed> claim(int limit) {
        UUID claimId = UUID.randomUUID();
        return tx.asSystem(
                "webhook claim",
                () -> db.resultQuery("""
                        with claimed as (
                          update webhook_deliveries d
                             set status = 'sending', claim_id = ?, claimed_at = now()
                           where d.id in (
                                 select d2.id from webhook_deliveries d2
                                   join webhook_endpoints e on e.id = d2.endpoint_id
                                  where e.enabled
                                    and ((d2.status = 'pending' and d2.next_attempt_at <= now())
                                      or (d2.status = 'sending' and d2.claimed_at < now() - make_interval(secs => ?)))
                                  order by d2.next_attempt_at
                                  limit ? for update of d2 skip locked)
                          returning d.id, d.org_id, d.endpoint_id, d.message_id, d.failures)
                        select c.id, c.org_id, c.endpoint_id, c.message_id, c.failures, e.url, e.secret_enc,
                               e.previous_secret_enc, e.previous_secret_expires_at, m.payload
                          from claimed c
                          join webhook_endpoints e on e.id = c.endpoint_id
                          join webhook_messages m on m.id = c.message_id
                        """, claimId, (double) properties.lease().toSeconds(), limit)
                        .fetch(r -> new Claimed(
                                r.get(0, UUID.class),
                                r.get(1, UUID.class),
                                r.get(2, UUID.class),
                                r.get(3, UUID.class),
                                r.get(4, Integer.class),
                                claimId,
                                r.get(5, String.class),
                                r.get(6, byte[].class),
                                r.get(7, byte[].class),
                                r.get(8, java.time.OffsetDateTime.class) == null
                                        ? null
                                        : r.get(8, java.time.OffsetDateTime.class)
                                                .toInstant(),
                                r.get(9, String.class))));
    }

    // ---- sending

    /** One POST with the Standard Webhooks headers; never throws. */
    Outcome send(Claimed d) {
        Instant started = Instant.now();
        long timestamp = started.getEpochSecond();
        String webhookId = Signatures.messageId(d.messageId());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        try {
            String signature = Signatures.sign(decryptSecret(d.secret()), webhookId, timestamp, d.payload());
            if (d.previousSecret() != null
                    && d.previousSecretExpiresAt() != null
                    && d.previousSecretExpiresAt().isAfter(started)) {
                // rotation overlap: receivers still on the old secret keep verifying
                signature +=
                        " " + Signatures.sign(decryptSecret(d.previousSecret()), webhookId, timestamp, d.payload());
            }
            headers.put("webhook-signature", signature);
            headers.put("user-agent", "Switchboard-Webhooks/1");
        } catch (RuntimeException e) {
            return new Outcome(d, started, headers, null, null, "could not sign: " + e.getMessage(), 0);
        }
        try {
            // checked again at send time: the host's DNS may point somewhere else than when it was saved
            var uri = properties.checkUrl("url", d.url());
            var request = HttpRequest.newBuilder(uri)
                    .timeout(properties.requestTimeout())
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8));
            headers.forEach((name, value) -> {
                if (!name.equals("user-agent")) request.header(name, value);
            });
            request.setHeader("User-Agent", headers.get("user-agent"));
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = truncate(new String(in.readNBytes(MAX_RESPONSE_BODY + 1), StandardCharsets.UTF_8));
            }
            return new Outcome(d, started, headers, response.statusCode(), body, null, elapsed(started));
        } catch (ApiProblem refused) {
            return new Outcome(d, started, headers, null, null, "refused: " + refused.getMessage(), 0);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Outcome(d, started, headers, null, null, "timed out", elapsed(started));
        } catch (IOException e) {
            return new Outcome(
                    d,
                    started,
                    headers,
                    null,
                    null,
                    "connection failed: " + e.getClass().getSimpleName() + message(e),
                    elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(d, started, headers, null, null, "interrupted (shutting down)", elapsed(started));
        } catch (RuntimeException e) {
            return new Outcome(
                    d, started, headers, null, null, e.getClass().getSimpleName() + message(e), elapsed(started));
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? "" : ": " + e.getMessage();
    }

    private static int elapsed(Instant started) {
        return (int) Duration.between(started, Instant.now()).toMillis();
    }

    static String truncate(String body) {
        return body.length() <= MAX_RESPONSE_BODY ? body : body.substring(0, MAX_RESPONSE_BODY) + "…";
    }

    // ---- recording

    private void writeLoop() {
        List<Outcome> batch = new ArrayList<>();
        while (running || !outcomes.isEmpty() || slots.availablePermits() < properties.maxInFlight()) {
            try {
                Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                outcomes.drainTo(batch, 499);
                record(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Recording {} webhook outcomes failed, retrying: {}", batch.size(), e.toString());
                outcomes.addAll(batch);
                sleepQuietly(Duration.ofSeconds(1));
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes a batch of outcomes in one transaction; mails the admins of endpoints it disabled. */
    void record(List<Outcome> batch) {
        record Disabled(UUID orgId, UUID endpointId, String url, String reason) {}
        List<Disabled> disabled = new ArrayList<>();
        tx.asSystem("webhook outcomes", () -> {
            List<Query> queries = new ArrayList<>();
            for (Outcome o : batch) {
                Claimed d = o.delivery();
                queries.add(db.insertInto(Attempts.T)
                        .set(Attempts.ORG_ID, d.orgId())
                        .set(Attempts.DELIVERY_ID, d.id())
                        .set(Attempts.ATTEMPTED_AT, o.attemptedAt())
                        .set(Attempts.REQUEST_HEADERS, JSONB.valueOf(json.writeValueAsString(o.requestHeaders())))
                        .set(Attempts.RESPONSE_STATUS, o.status())
                        .set(Attempts.RESPONSE_BODY, o.responseBody())
                        .set(Attempts.ERROR, o.error())
                        .set(Attempts.DURATION_MS, o.durationMs()));
                var update = db.update(Deliveries.T)
                        .set(Deliveries.ATTEMPTS, Deliveries.ATTEMPTS.plus(1))
                        .set(Deliveries.LAST_ATTEMPT_AT, o.attemptedAt())
                        .set(Deliveries.LAST_STATUS, o.status())
                        .set(Deliveries.LAST_ERROR, o.error())
                        .set(Deliveries.CLAIM_ID, (UUID) null)
                        .set(Deliveries.CLAIMED_AT, (Instant) null);
                String deadReason = null;
                if (o.succeeded()) {
                    update = update.set(Deliveries.STATUS, "succeeded")
                            .set(Deliveries.FAILURES, 0)
                            .set(Deliveries.DELIVERED_AT, Instant.now());
                } else if (o.status() != null && o.status() == 410) {
                    deadReason = "The endpoint answered 410 Gone at " + o.attemptedAt() + ".";
                    update = update.set(Deliveries.STATUS, "dead").set(Deliveries.FAILURES, d.failures() + 1);
                } else {
                    Duration wait = properties.retryAfter(d.failures() + 1);
                    if (wait == null) {
                        deadReason = "Deliveries kept failing for " + human(properties.retryWindow()) + " ("
                                + (d.failures() + 1) + " attempts; last: " + what(o) + ").";
                        update = update.set(Deliveries.STATUS, "dead").set(Deliveries.FAILURES, d.failures() + 1);
                    } else {
                        update = update.set(Deliveries.STATUS, "pending")
                                .set(Deliveries.FAILURES, d.failures() + 1)
                                .set(Deliveries.NEXT_ATTEMPT_AT, Instant.now().plus(wait));
                    }
                }
                queries.add(update.where(Deliveries.ID.eq(d.id()), Deliveries.CLAIM_ID.eq(d.claimId())));
                if (deadReason != null) {
                    var url = db.update(Endpoints.T)
                            .set(Endpoints.ENABLED, false)
                            .set(Endpoints.DISABLED_REASON, deadReason)
                            .set(Endpoints.DISABLED_AT, Instant.now())
                            .set(Endpoints.UPDATED_AT, Instant.now())
                            .where(Endpoints.ID.eq(d.endpointId()), Endpoints.ENABLED.isTrue())
                            .returning(Endpoints.URL)
                            .fetchOptional(Endpoints.URL);
                    if (url.isPresent()) disabled.add(new Disabled(d.orgId(), d.endpointId(), url.get(), deadReason));
                }
            }
            db.batch(queries).execute();
        });
        for (Disabled d : disabled) {
            try {
                tx.inOrg(d.orgId(), () -> {
                    for (String to : members.adminEmails(d.orgId())) {
                        mailer.send(
                                d.orgId(),
                                to,
                                "Webhook endpoint disabled: " + d.url(),
                                "Switchboard stopped sending webhooks to " + d.url() + ".\n\n" + d.reason()
                                        + "\n\nFix the receiver, then enable the endpoint again on the Webhooks page;"
                                        + " failed deliveries can be resent from its delivery log.");
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn(
                        "Could not mail the admins about disabled webhook endpoint {}: {}",
                        d.endpointId(),
                        e.toString());
            }
        }
    }

    private static String what(Outcome o) {
        return o.status() != null ? "HTTP " + o.status() : String.valueOf(o.error());
    }

    private static String human(Duration d) {
        if (d.toHours() >= 48) return d.toDays() + " days";
        if (d.toHours() >= 1) return d.toHours() + " hours";
        if (d.toMinutes() >= 1) return d.toMinutes() + " minutes";
        return d.toSeconds() + " seconds";
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- lifecycle

    @Override
    public void start() {
        running = true;
        claimer = Thread.ofVirtual().name("webhook-claimer").start(this::claimLoop);
        writer = Thread.ofVirtual().name("webhook-writer").start(this::writeLoop);
    }

    @Override
    public void stop() {
        running = false;
        signal.release();
        join(claimer, Duration.ofSeconds(5));
        join(writer, properties.requestTimeout().plusSeconds(5)); // lets requests in flight be recorded
    }

    private static void join(@Nullable Thread thread, Duration timeout) {
        if (thread == null) return;
        try {
            if (!thread.join(timeout)) thread.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop before the web server and the database pool. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
