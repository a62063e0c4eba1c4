package io.switchboard.webhooks.internal;

import io.switchboard.billing.CreditsLow;
import io.switchboard.contacts.ContactCreated;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.contacts.ContactUpdated;
import io.switchboard.conversations.ConversationAssigned;
import io.switchboard.conversations.ConversationChanged;
import io.switchboard.conversations.ConversationResolved;
import io.switchboard.conversations.MessageAppended;
import io.switchboard.conversations.MessageStatusChanged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The one list of webhook event types. Each entry maps a module event to the {@code data} of one
 * webhook event (or to nothing when it does not apply). A type whose module is not built yet is
 * listed without a mapping and answered as {@code available: false}; adding it is one line here.
 */
@Component
class EventCatalog {

    /** The organisation an event belongs to and the {@code data} object of the payload. */
    record Outgoing(UUID orgId, Map<String, @Nullable Object> data) {}

    record Entry<E>(
            String type,
            String description,
            @Nullable Class<E> source,
            @Nullable Function<E, Optional<Outgoing>> map) {
        boolean available() {
            return source != null;
        }

        @SuppressWarnings("unchecked")
        Optional<Outgoing> apply(Object event) {
            return map == null ? Optional.empty() : map.apply((E) event);
        }
    }

    /** The test event sent by {@code POST /webhooks/{id}/test}; no subscription needed. */
    static final String TEST_TYPE = "webhook.test";

    private final List<Entry<?>> entries;
    private final Map<Class<?>, List<Entry<?>>> bySource;

    EventCatalog(ContactDirectory contacts) {
        entries = List.of(
                entry(
                        "message.received",
                        "A contact's message was stored",
                        MessageAppended.class,
                        e -> "inbound".equals(e.direction()) ? Optional.of(message(e)) : Optional.empty()),
                entry(
                        "message.sent",
                        "A reply (bot or person) was queued for sending to the contact",
                        MessageAppended.class,
                        e -> "outbound".equals(e.direction()) ? Optional.of(message(e)) : Optional.empty()),
                entry(
                        "message.status",
                        "An outbound message was sent, delivered, read or failed",
                        MessageStatusChanged.class,
                        e -> Optional.of(out(
                                e.orgId(),
                                "messageId",
                                e.messageId(),
                                "conversationId",
                                e.conversationId(),
                                "status",
                                e.state().json(),
                                "error",
                                e.error()))),
                entry(
                        "conversation.created",
                        "A new conversation started",
                        ConversationChanged.class,
                        e -> "created".equals(e.change())
                                ? Optional.of(out(e.orgId(), "conversationId", e.conversationId()))
                                : Optional.empty()),
                entry(
                        "conversation.assigned",
                        "A conversation was assigned to a person or unassigned",
                        ConversationAssigned.class,
                        e -> Optional.of(out(
                                e.orgId(),
                                "conversationId",
                                e.conversationId(),
                                "assigneeUserId",
                                e.assigneeUserId()))),
                entry(
                        "conversation.resolved",
                        "A conversation was resolved",
                        ConversationResolved.class,
                        e -> Optional.of(out(e.orgId(), "conversationId", e.conversationId()))),
                entry(
                        "contact.created",
                        "A contact was created (by hand or by a first message)",
                        ContactCreated.class,
                        e -> Optional.of(contact(contacts, e.orgId(), e.contactId(), e.source()))),
                entry(
                        "contact.updated",
                        "A contact's details changed",
                        ContactUpdated.class,
                        e -> Optional.of(contact(contacts, e.orgId(), e.contactId(), null))),
                entry(
                        "credits.low",
                        "Available credits dropped below the low-balance threshold",
                        CreditsLow.class,
                        e -> Optional.of(out(
                                e.orgId(),
                                "availableMinor",
                                e.availableMinor(),
                                "thresholdMinor",
                                e.thresholdMinor(),
                                "currency",
                                e.currency()))),
                planned("call.completed", "A voice call ended (calls module, not built yet)"),
                entry(
                        "campaign.completed",
                        "A campaign handed its last message to the channel, or was cancelled",
                        io.switchboard.campaigns.CampaignCompleted.class,
                        e -> Optional.of(out(
                                e.orgId(),
                                "campaignId",
                                e.campaignId(),
                                "status",
                                e.status(),
                                "queued",
                                e.queued(),
                                "failed",
                                e.failed(),
                                "skipped",
                                e.skipped()))),
                planned("flow.completed", "A flow session reached its end (flows module, not built yet)"));
        bySource = entries.stream()
                .filter(Entry::available)
                .collect(Collectors.groupingBy(e -> e.source(), LinkedHashMap::new, Collectors.toList()));
    }

    List<Entry<?>> all() {
        return entries;
    }

    /** The entries fed by this kind of module event (empty for every other event). */
    List<Entry<?>> forEvent(Object event) {
        return bySource.getOrDefault(event.getClass(), List.of());
    }

    Optional<Entry<?>> find(String type) {
        return entries.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    private static <E> Entry<E> entry(
            String type, String description, Class<E> source, Function<E, Optional<Outgoing>> map) {
        return new Entry<>(type, description, source, map);
    }

    private static Entry<Object> planned(String type, String description) {
        return new Entry<>(type, description, null, null);
    }

    private static Outgoing message(MessageAppended e) {
        return out(
                e.orgId(),
                "messageId",
                e.messageId(),
                "conversationId",
                e.conversationId(),
                "channelId",
                e.channelId(),
                "contactId",
                e.contactId(),
                "direction",
                e.direction(),
                "senderType",
                e.senderType().json(),
                "content",
                e.content(),
                "createdAt",
                e.createdAt().toString());
    }

    private static Outgoing contact(ContactDirectory contacts, UUID orgId, UUID contactId, @Nullable String source) {
        var ref = contacts.find(orgId, contactId);
        var data = new LinkedHashMap<String, @Nullable Object>();
        data.put("contactId", contactId);
        data.put("name", ref.map(r -> r.name()).orElse(null));
        data.put("phone", ref.map(r -> r.phone()).orElse(null));
        data.put("optedOut", ref.map(r -> r.optedOut()).orElse(false));
        if (source != null) data.put("source", source);
        return new Outgoing(orgId, data);
    }

    /** Keys and values in order; nulls kept (a receiver sees "assigneeUserId": null). */
    private static Outgoing out(UUID orgId, @Nullable Object... keysAndValues) {
        var data = new LinkedHashMap<String, @Nullable Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return new Outgoing(orgId, data);
    }
}
