package io.switchboard.webhooks.internal;

import static io.switchboard.webhooks.internal.WebhookTables.Deliveries;
import static io.switchboard.webhooks.internal.WebhookTables.Endpoints;
import static io.switchboard.webhooks.internal.WebhookTables.Messages;

import io.switchboard.shared.db.AfterCommit;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: a module event that maps to a webhook event type becomes one message and
 * one delivery per enabled endpoint subscribed to it, written in the transaction of the change itself
 * (rolled back with it, never lost once it commits). The dispatcher is woken after the commit.
 */
@Component
class WebhookOutbox {

    private final DSLContext db;
    private final JsonMapper json;
    private final EventCatalog catalog;
    private final ScopedTransactions tx;
    private final WebhookDispatcher dispatcher;

    WebhookOutbox(
            DSLContext db, JsonMapper json, EventCatalog catalog, ScopedTransactions tx, WebhookDispatcher dispatcher) {
        this.db = db;
        this.json = json;
        this.catalog = catalog;
        this.tx = tx;
        this.dispatcher = dispatcher;
    }

    /** Every application event passes here; all but the catalogue's sources leave at the map lookup. */
    @EventListener
    void on(Object event) {
        for (EventCatalog.Entry<?> entry : catalog.forEvent(event)) {
            entry.apply(event).ifPresent(out -> {
                if (TransactionSynchronizationManager.isActualTransactionActive()) {
                    publish(out.orgId(), entry.type(), out.data());
                } else { // published outside a transaction: write on our own, in the organisation's scope
                    tx.inOrg(out.orgId(), () -> publish(out.orgId(), entry.type(), out.data()));
                }
            });
        }
    }

    /** Writes the message and its deliveries when an endpoint wants it; answers how many deliveries. */
    int publish(UUID orgId, String type, Map<String, @Nullable Object> data) {
        List<UUID> endpoints = db.select(Endpoints.ID)
                .from(Endpoints.T)
                .where(
                        Endpoints.ORG_ID.eq(orgId),
                        Endpoints.ENABLED.isTrue(),
                        DSL.condition(
                                "{0} @> {1}",
                                Endpoints.EVENT_TYPES, DSL.val(new String[] {type}, Endpoints.EVENT_TYPES)))
                .fetch(Endpoints.ID);
        if (endpoints.isEmpty()) return 0;
        UUID messageId = insertMessage(orgId, type, data);
        var insert = db.insertInto(
                Deliveries.T, Deliveries.ID, Deliveries.ORG_ID, Deliveries.ENDPOINT_ID, Deliveries.MESSAGE_ID);
        for (UUID endpointId : endpoints) {
            insert = insert.values(UUID.randomUUID(), orgId, endpointId, messageId);
        }
        int inserted = insert.onConflictDoNothing().execute();
        AfterCommit.run(dispatcher::wake);
        return inserted;
    }

    /** A message for one endpoint only (the test event); answers the delivery id. */
    UUID publishTo(UUID orgId, UUID endpointId, String type, Map<String, @Nullable Object> data) {
        UUID messageId = insertMessage(orgId, type, data);
        UUID deliveryId = UUID.randomUUID();
        db.insertInto(Deliveries.T)
                .set(Deliveries.ID, deliveryId)
                .set(Deliveries.ORG_ID, orgId)
                .set(Deliveries.ENDPOINT_ID, endpointId)
                .set(Deliveries.MESSAGE_ID, messageId)
                .execute();
        AfterCommit.run(dispatcher::wake);
        return deliveryId;
    }

    private UUID insertMessage(UUID orgId, String type, Map<String, @Nullable Object> data) {
        UUID messageId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var payload = new LinkedHashMap<String, Object>();
        payload.put("type", type);
        payload.put("timestamp", now.toString());
        payload.put("data", data);
        db.insertInto(Messages.T)
                .set(Messages.ID, messageId)
                .set(Messages.ORG_ID, orgId)
                .set(Messages.EVENT_TYPE, type)
                .set(Messages.PAYLOAD, json.writeValueAsString(payload))
                .set(Messages.CREATED_AT, now)
                .execute();
        return messageId;
    }
}
