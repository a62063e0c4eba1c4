package io.switchboard.channels.whatsappcloud;

import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.UnreadablePayloadException;
import io.switchboard.conversations.DeliveryState;
import io.switchboard.conversations.MessageContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Meta's webhook JSON ({@code object: whatsapp_business_account}, {@code entry[].changes[].value})
 * into messages and status updates. Changes of other fields (template reviews, quality ratings) are
 * ignored; anything a person wrote that we cannot model is kept raw as {@link MessageContent.Unsupported}.
 */
final class MetaWebhookParser {

    private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");
    private final JsonMapper json;

    MetaWebhookParser(JsonMapper json) {
        this.json = json;
    }

    List<InboundItem> parse(String payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            throw new UnreadablePayloadException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !"whatsapp_business_account".equals(text(root, "object"))) {
            throw new UnreadablePayloadException("not a WhatsApp Business Account webhook (object is "
                    + (root == null ? "missing" : text(root, "object")) + ")");
        }
        List<InboundItem> items = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if ("message_template_status_update".equals(text(change, "field"))) {
                    templateStatus(change.path("value")).ifPresent(items::add);
                    continue;
                }
                if (!"messages".equals(text(change, "field"))) {
                    continue;
                }
                JsonNode value = change.path("value");
                for (JsonNode message : value.path("messages")) {
                    items.add(message(message, value.path("contacts")));
                }
                for (JsonNode status : value.path("statuses")) {
                    status(status).ifPresent(items::add);
                }
            }
        }
        return items;
    }

    /** {@code {event: APPROVED|REJECTED|PAUSED|DISABLED|..., message_template_id, ..., reason}}. */
    private Optional<InboundItem> templateStatus(JsonNode value) {
        String id = value.path("message_template_id").asString("");
        String event = text(value, "event");
        if (id.isEmpty() || event == null) return Optional.empty();
        String reason = text(value, "reason");
        if (reason == null) reason = text(value.path("other_info"), "description");
        return Optional.of(new InboundItem.TemplateStatus(
                id,
                text(value, "message_template_name"),
                text(value, "message_template_language"),
                GraphTemplates.status(event),
                reason == null || reason.equals("NONE") ? null : reason));
    }

    private InboundItem.Message message(JsonNode message, JsonNode contacts) {
        String waId = required(message, "from");
        String name = null;
        for (JsonNode contact : contacts) {
            if (waId.equals(text(contact, "wa_id")) || name == null) {
                name = text(contact.path("profile"), "name");
            }
        }
        return new InboundItem.Message(
                waId, name, "+" + waId, text(message, "id"), timestamp(message), content(message));
    }

    private MessageContent content(JsonNode message) {
        String type = text(message, "type");
        JsonNode body = type == null ? json.missingNode() : message.path(type);
        if (type != null && MEDIA.contains(type)) {
            // the media still lives at Meta: keep its id so it can be downloaded later
            String id = text(body, "id");
            return new MessageContent.Media(
                    type,
                    id == null ? null : "media:" + id,
                    text(body, "mime_type"),
                    text(body, "caption"),
                    text(body, "filename"));
        }
        return switch (type == null ? "" : type) {
            case "text" -> new MessageContent.Text(body.path("body").asString(""));
            case "location" ->
                new MessageContent.Location(
                        body.path("latitude").asDouble(),
                        body.path("longitude").asDouble(),
                        text(body, "name"),
                        text(body, "address"));
            case "contacts" -> sharedContacts(body);
            case "interactive" -> interactiveReply(body).orElseGet(() -> unsupported(type, message));
            case "button" ->
                // a quick-reply button of a template: the payload is the id we gave it
                new MessageContent.InteractiveReply(
                        body.path("payload").asString(""), body.path("text").asString(""));
            case "reaction" -> new MessageContent.Reaction(body.path("emoji").asString(""), text(body, "message_id"));
            default -> unsupported(type == null ? "unknown" : type, message);
        };
    }

    private Optional<MessageContent> interactiveReply(JsonNode interactive) {
        String kind = text(interactive, "type");
        if (!"button_reply".equals(kind) && !"list_reply".equals(kind)) {
            return Optional.empty();
        }
        JsonNode reply = interactive.path(kind);
        return Optional.of(new MessageContent.InteractiveReply(
                reply.path("id").asString(""), reply.path("title").asString("")));
    }

    private static MessageContent sharedContacts(JsonNode contacts) {
        List<MessageContent.SharedContacts.Card> cards = new ArrayList<>();
        for (JsonNode card : contacts) {
            List<String> phones = new ArrayList<>();
            for (JsonNode phone : card.path("phones")) {
                String number = text(phone, "phone");
                if (number != null) phones.add(number);
            }
            cards.add(new MessageContent.SharedContacts.Card(
                    card.path("name").path("formatted_name").asString(""), phones));
        }
        return new MessageContent.SharedContacts(cards);
    }

    private MessageContent unsupported(String type, JsonNode message) {
        return new MessageContent.Unsupported(type, json.writeValueAsString(message));
    }

    private static Optional<InboundItem> status(JsonNode status) {
        DeliveryState state = switch (status.path("status").asString("")) {
            case "sent" -> DeliveryState.SENT;
            case "delivered" -> DeliveryState.DELIVERED;
            case "read" -> DeliveryState.READ;
            case "failed" -> DeliveryState.FAILED;
            default -> null; // "deleted", "warning" and future values change nothing we track
        };
        if (state == null) {
            return Optional.empty();
        }
        String error = null;
        JsonNode first = status.path("errors").path(0);
        if (!first.isMissingNode()) {
            String title = text(first, "title");
            String code = text(first, "code");
            error = (title == null ? "failed" : title) + (code == null ? "" : " (code " + code + ")");
        }
        return Optional.of(new InboundItem.StatusUpdate(required(status, "id"), state, timestamp(status), error));
    }

    private static Instant timestamp(JsonNode node) {
        String seconds = text(node, "timestamp");
        if (seconds == null) {
            return Instant.now();
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            throw new UnreadablePayloadException("timestamp is not epoch seconds: " + seconds);
        }
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new UnreadablePayloadException("a message or status has no '" + field + "'");
        }
        return value;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainer() ? null : value.asString();
    }
}
