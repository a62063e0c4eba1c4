package io.switchboard.webhooks.internal;

import static io.switchboard.webhooks.internal.WebhookTables.Attempts;
import static io.switchboard.webhooks.internal.WebhookTables.Deliveries;
import static io.switchboard.webhooks.internal.WebhookTables.Endpoints;
import static io.switchboard.webhooks.internal.WebhookTables.Messages;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.AfterCommit;
import io.switchboard.shared.db.Pages;
import io.switchboard.webhooks.internal.WebhookApi.WebhookAttempt;
import io.switchboard.webhooks.internal.WebhookApi.WebhookDelivery;
import io.switchboard.webhooks.internal.WebhookApi.WebhookEndpoint;
import io.switchboard.webhooks.internal.WebhookApi.WebhookEndpointCreated;
import io.switchboard.webhooks.internal.WebhookApi.WebhookEndpointInput;
import io.switchboard.webhooks.internal.WebhookApi.WebhookEventType;
import io.switchboard.webhooks.internal.WebhookApi.WebhookSecret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Endpoints, secrets and the delivery log of the signed-in admin's organisation. */
@Service
class WebhookService {

    static final int MAX_REQUEST_BODY_SHOWN = 8192;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
    private static final int ATTEMPTS_SHOWN = 20;

    private final DSLContext db;
    private final JsonMapper json;
    private final WebhookProperties properties;
    private final EventCatalog catalog;
    private final WebhookOutbox outbox;
    private final WebhookDispatcher dispatcher;
    private final AuditLog audit;

    WebhookService(
            DSLContext db,
            JsonMapper json,
            WebhookProperties properties,
            EventCatalog catalog,
            WebhookOutbox outbox,
            WebhookDispatcher dispatcher,
            AuditLog audit) {
        this.db = db;
        this.json = json;
        this.properties = properties;
        this.catalog = catalog;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.audit = audit;
    }

    List<WebhookEventType> eventTypes() {
        admin();
        return catalog.all().stream()
                .map(e -> new WebhookEventType(e.type(), e.description(), e.available()))
                .toList();
    }

    PageResponse<WebhookEndpoint> list(PageQuery page) {
        UUID orgId = admin();
        return Pages.fetch(
                db,
                page,
                db.select(Endpoints.VIEW)
                        .from(Endpoints.T)
                        .where(Endpoints.ORG_ID.eq(orgId))
                        .orderBy(Endpoints.CREATED_AT.desc(), Endpoints.ID),
                this::toEndpoint);
    }

    WebhookEndpoint get(UUID id) {
        UUID orgId = admin();
        return db.select(Endpoints.VIEW)
                .from(Endpoints.T)
                .where(Endpoints.ORG_ID.eq(orgId), Endpoints.ID.eq(id))
                .fetchOptional(this::toEndpoint)
                .orElseThrow(() -> ApiProblem.notFound("Webhook endpoint " + id));
    }

    @Transactional
    WebhookEndpointCreated create(WebhookEndpointInput input) {
        UUID orgId = admin();
        if (input.url() == null) throw ApiProblem.invalidField("url", "is required");
        if (input.events() == null || input.events().isEmpty()) {
            throw ApiProblem.invalidField("events", "must name at least one event type");
        }
        String url = checkUrl(input.url());
        String[] events = events(input.events());
        int count = db.fetchCount(Endpoints.T, Endpoints.ORG_ID.eq(orgId));
        if (count >= properties.maxEndpoints()) {
            throw ApiProblem.conflict(
                    "webhook-endpoint-limit",
                    "An organisation can have at most " + properties.maxEndpoints() + " webhook endpoints");
        }
        UUID id = UUID.randomUUID();
        String secret = Signatures.newSecret();
        db.insertInto(Endpoints.T)
                .set(Endpoints.ID, id)
                .set(Endpoints.ORG_ID, orgId)
                .set(Endpoints.URL, url)
                .set(Endpoints.DESCRIPTION, blankToNull(input.description()))
                .set(Endpoints.EVENT_TYPES, events)
                .set(Endpoints.ENABLED, input.enabled() == null || input.enabled())
                .set(Endpoints.SECRET, dispatcher.encryptSecret(secret))
                .execute();
        audit.record("webhook.created", "webhook_endpoint", id.toString(), Map.of("url", url));
        return new WebhookEndpointCreated(get(id), secret);
    }

    @Transactional
    WebhookEndpoint update(UUID id, WebhookEndpointInput input) {
        UUID orgId = admin();
        WebhookEndpoint current = get(id);
        var update = db.update(Endpoints.T).set(Endpoints.UPDATED_AT, Instant.now());
        if (input.url() != null) update = update.set(Endpoints.URL, checkUrl(input.url()));
        if (input.description() != null) update = update.set(Endpoints.DESCRIPTION, blankToNull(input.description()));
        if (input.events() != null) {
            if (input.events().isEmpty()) throw ApiProblem.invalidField("events", "must name at least one event type");
            update = update.set(Endpoints.EVENT_TYPES, events(input.events()));
        }
        if (input.enabled() != null && input.enabled() != current.enabled()) {
            update = update.set(Endpoints.ENABLED, input.enabled());
            if (input.enabled()) {
                // back on: the reason it was off is history; waiting deliveries go out again
                update =
                        update.set(Endpoints.DISABLED_REASON, (String) null).set(Endpoints.DISABLED_AT, (Instant) null);
                AfterCommit.run(dispatcher::wake);
            } else {
                update = update.set(Endpoints.DISABLED_REASON, "Disabled by an administrator.")
                        .set(Endpoints.DISABLED_AT, Instant.now());
            }
        }
        update.where(Endpoints.ORG_ID.eq(orgId), Endpoints.ID.eq(id)).execute();
        audit.record("webhook.updated", "webhook_endpoint", id.toString(), Map.of());
        return get(id);
    }

    @Transactional
    void delete(UUID id) {
        UUID orgId = admin();
        int deleted = db.deleteFrom(Endpoints.T)
                .where(Endpoints.ORG_ID.eq(orgId), Endpoints.ID.eq(id))
                .execute();
        if (deleted == 0) throw ApiProblem.notFound("Webhook endpoint " + id);
        audit.record("webhook.deleted", "webhook_endpoint", id.toString(), Map.of());
    }

    /** A new secret signs from now on; the old one keeps signing too until the overlap ends. */
    @Transactional
    WebhookSecret rotate(UUID id) {
        UUID orgId = admin();
        byte[] current = db.select(Endpoints.SECRET)
                .from(Endpoints.T)
                .where(Endpoints.ORG_ID.eq(orgId), Endpoints.ID.eq(id))
                .forUpdate()
                .fetchOptional(Endpoints.SECRET)
                .orElseThrow(() -> ApiProblem.notFound("Webhook endpoint " + id));
        String secret = Signatures.newSecret();
        Instant overlapEnds = Instant.now().plus(properties.rotationOverlap());
        db.update(Endpoints.T)
                .set(Endpoints.SECRET, dispatcher.encryptSecret(secret))
                .set(Endpoints.PREVIOUS_SECRET, current)
                .set(Endpoints.PREVIOUS_SECRET_EXPIRES_AT, overlapEnds)
                .set(Endpoints.UPDATED_AT, Instant.now())
                .where(Endpoints.ID.eq(id))
                .execute();
        audit.record("webhook.secret_rotated", "webhook_endpoint", id.toString(), Map.of());
        return new WebhookSecret(secret, overlapEnds);
    }

    @Transactional
    WebhookDelivery sendTest(UUID id) {
        UUID orgId = admin();
        WebhookEndpoint endpoint = get(id);
        if (!endpoint.enabled()) {
            throw ApiProblem.conflict("webhook-endpoint-disabled", "The endpoint is disabled: enable it first");
        }
        var data = new LinkedHashMap<String, @Nullable Object>();
        data.put("endpointId", id);
        data.put("message", "A test event from Switchboard: the endpoint is reachable and verifies signatures.");
        UUID deliveryId = outbox.publishTo(orgId, id, EventCatalog.TEST_TYPE, data);
        return delivery(id, deliveryId);
    }

    PageResponse<WebhookDelivery> deliveries(UUID id, PageQuery page, @Nullable String status) {
        UUID orgId = admin();
        get(id);
        List<Condition> where = new ArrayList<>(List.of(Deliveries.ORG_ID.eq(orgId), Deliveries.ENDPOINT_ID.eq(id)));
        if (status != null && !status.isBlank()) {
            if (!Set.of("pending", "sending", "succeeded", "dead").contains(status)) {
                throw ApiProblem.invalidField("status", "must be one of pending, sending, succeeded, dead");
            }
            where.add(Deliveries.STATUS.eq(status));
        }
        var rows = Pages.fetch(
                db,
                page,
                db.select(deliveryFields())
                        .from(Deliveries.T)
                        .join(Messages.T)
                        .on(Messages.ID.eq(Deliveries.MESSAGE_ID))
                        .where(where)
                        .orderBy(Deliveries.CREATED_AT.desc(), Deliveries.ID),
                r -> r);
        Map<UUID, List<AttemptRow>> attempts =
                attempts(rows.items().stream().map(r -> r.get(Deliveries.ID)).toList());
        return rows.map(r -> toDelivery(r, attempts.getOrDefault(r.get(Deliveries.ID), List.of())));
    }

    WebhookDelivery delivery(UUID endpointId, UUID deliveryId) {
        UUID orgId = admin();
        var row = db.select(deliveryFields())
                .from(Deliveries.T)
                .join(Messages.T)
                .on(Messages.ID.eq(Deliveries.MESSAGE_ID))
                .where(Deliveries.ORG_ID.eq(orgId), Deliveries.ENDPOINT_ID.eq(endpointId), Deliveries.ID.eq(deliveryId))
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Delivery " + deliveryId));
        return toDelivery(row, attempts(List.of(deliveryId)).getOrDefault(deliveryId, List.of()));
    }

    /** Sends the delivery again now, with a fresh retry schedule. */
    @Transactional
    WebhookDelivery resend(UUID endpointId, UUID deliveryId) {
        UUID orgId = admin();
        WebhookEndpoint endpoint = get(endpointId);
        String status = db.select(Deliveries.STATUS)
                .from(Deliveries.T)
                .where(Deliveries.ORG_ID.eq(orgId), Deliveries.ENDPOINT_ID.eq(endpointId), Deliveries.ID.eq(deliveryId))
                .forUpdate()
                .fetchOptional(Deliveries.STATUS)
                .orElseThrow(() -> ApiProblem.notFound("Delivery " + deliveryId));
        if (!endpoint.enabled()) {
            throw ApiProblem.conflict("webhook-endpoint-disabled", "The endpoint is disabled: enable it first");
        }
        if (status.equals("sending")) {
            throw ApiProblem.conflict("webhook-delivery-in-flight", "The delivery is being sent right now");
        }
        db.update(Deliveries.T)
                .set(Deliveries.STATUS, "pending")
                .set(Deliveries.FAILURES, 0)
                .set(Deliveries.NEXT_ATTEMPT_AT, Instant.now())
                .where(Deliveries.ID.eq(deliveryId))
                .execute();
        audit.record("webhook.resent", "webhook_delivery", deliveryId.toString(), Map.of());
        AfterCommit.run(dispatcher::wake);
        return delivery(endpointId, deliveryId);
    }

    // ---- helpers

    private static UUID admin() {
        return CurrentPrincipal.get().require(Role.ADMIN).orgId();
    }

    private String checkUrl(String url) {
        if (url.length() > 2000) throw ApiProblem.invalidField("url", "must be at most 2000 characters");
        return properties.checkUrl("url", url).toString();
    }

    private String[] events(List<String> requested) {
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i) == null ? "" : requested.get(i).trim();
            var entry = catalog.find(type);
            if (entry.isEmpty()) {
                throw ApiProblem.invalidField(
                        "events[" + i + "]",
                        "unknown event type '" + type + "'; known: "
                                + catalog.all().stream()
                                        .filter(EventCatalog.Entry::available)
                                        .map(EventCatalog.Entry::type)
                                        .collect(Collectors.joining(", ")));
            }
            if (!entry.get().available()) {
                throw ApiProblem.invalidField(
                        "events[" + i + "]", type + " is not available yet (its module is not built)");
            }
            types.add(type);
        }
        return types.toArray(String[]::new);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private WebhookEndpoint toEndpoint(Record r) {
        Instant overlap = r.get(Endpoints.PREVIOUS_SECRET_EXPIRES_AT);
        return new WebhookEndpoint(
                r.get(Endpoints.ID),
                r.get(Endpoints.URL),
                r.get(Endpoints.DESCRIPTION),
                Arrays.asList(r.get(Endpoints.EVENT_TYPES)),
                r.get(Endpoints.ENABLED),
                r.get(Endpoints.DISABLED_REASON),
                r.get(Endpoints.DISABLED_AT),
                overlap != null && overlap.isAfter(Instant.now()) ? overlap : null,
                r.get(Endpoints.CREATED_AT),
                r.get(Endpoints.UPDATED_AT));
    }

    private static List<org.jooq.Field<?>> deliveryFields() {
        return List.of(
                Deliveries.ID,
                Deliveries.MESSAGE_ID,
                Messages.EVENT_TYPE,
                Messages.PAYLOAD,
                Deliveries.STATUS,
                Deliveries.ATTEMPTS,
                Deliveries.NEXT_ATTEMPT_AT,
                Deliveries.LAST_ATTEMPT_AT,
                Deliveries.LAST_STATUS,
                Deliveries.LAST_ERROR,
                Deliveries.DELIVERED_AT,
                Deliveries.CREATED_AT);
    }

    record AttemptRow(WebhookAttempt attempt, Map<String, String> headers) {}

    private Map<UUID, List<AttemptRow>> attempts(List<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) return Map.of();
        // newest first, at most ATTEMPTS_SHOWN per delivery
        var ranked = DSL.rowNumber()
                .over(DSL.partitionBy(Attempts.DELIVERY_ID).orderBy(Attempts.ID.desc()))
                .as("rank");
        var inner = db.select(
                        Attempts.DELIVERY_ID,
                        Attempts.ATTEMPTED_AT,
                        Attempts.REQUEST_HEADERS,
                        Attempts.RESPONSE_STATUS,
                        Attempts.RESPONSE_BODY,
                        Attempts.ERROR,
                        Attempts.DURATION_MS,
                        Attempts.ID,
                        ranked)
                .from(Attempts.T)
                .where(Attempts.DELIVERY_ID.in(deliveryIds))
                .asTable("a");
        Map<UUID, List<AttemptRow>> result = new LinkedHashMap<>();
        db.select(inner.fields())
                .from(inner)
                .where(inner.field("rank", Integer.class).le(ATTEMPTS_SHOWN))
                .orderBy(inner.field(Attempts.ID).desc())
                .fetch()
                .forEach(r -> result.computeIfAbsent(r.get(inner.field(Attempts.DELIVERY_ID)), k -> new ArrayList<>())
                        .add(new AttemptRow(
                                new WebhookAttempt(
                                        r.get(inner.field(Attempts.ATTEMPTED_AT)),
                                        r.get(inner.field(Attempts.RESPONSE_STATUS)),
                                        r.get(inner.field(Attempts.RESPONSE_BODY)),
                                        r.get(inner.field(Attempts.ERROR)),
                                        r.get(inner.field(Attempts.DURATION_MS))),
                                json.readValue(
                                        r.get(inner.field(Attempts.REQUEST_HEADERS))
                                                .data(),
                                        HEADERS))));
        return result;
    }

    private WebhookDelivery toDelivery(Record r, List<AttemptRow> attempts) {
        String payload = r.get(Messages.PAYLOAD);
        String status = r.get(Deliveries.STATUS);
        AttemptRow last = attempts.isEmpty() ? null : attempts.getFirst();
        return new WebhookDelivery(
                r.get(Deliveries.ID),
                Signatures.messageId(r.get(Deliveries.MESSAGE_ID)),
                r.get(Messages.EVENT_TYPE),
                status,
                r.get(Deliveries.ATTEMPTS),
                status.equals("pending") ? r.get(Deliveries.NEXT_ATTEMPT_AT) : null,
                r.get(Deliveries.LAST_ATTEMPT_AT),
                r.get(Deliveries.LAST_STATUS),
                r.get(Deliveries.LAST_ERROR),
                r.get(Deliveries.DELIVERED_AT),
                r.get(Deliveries.CREATED_AT),
                last == null ? Map.of() : last.headers(),
                payload.length() <= MAX_REQUEST_BODY_SHOWN
                        ? payload
                        : payload.substring(0, MAX_REQUEST_BODY_SHOWN) + "…",
                last == null ? null : last.attempt().responseBody(),
                attempts.stream().map(AttemptRow::attempt).toList());
    }
}
