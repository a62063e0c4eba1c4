package io.switchboard.channels.whatsappcloud;

import io.switchboard.conversations.MessageContent;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the JSON body of Graph's {@code POST /{phone-number-id}/messages} for each kind of content. */
final class GraphMessages {

    static final int MAX_BUTTONS = 3;
    private final JsonMapper json;

    GraphMessages(JsonMapper json) {
        this.json = json;
    }

    /** The request body, or empty when WhatsApp cannot carry this content. */
    Optional<ObjectNode> body(String recipient, MessageContent content) {
        return body(recipient, content, null);
    }

    /** WhatsApp's kind for a file of this type: only JPEG and PNG are images, other pictures go as documents. */
    static String whatsAppType(String mimeType) {
        return switch (mimeType) {
            case "image/jpeg", "image/png" -> "image";
            case "video/mp4", "video/3gpp" -> "video";
            case "audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg" -> "audio";
            default -> "document";
        };
    }

    /** Cloud API limits per kind of media. */
    static long maxBytes(String whatsAppType) {
        return switch (whatsAppType) {
            case "image" -> 5L * 1024 * 1024;
            case "video", "audio" -> 16L * 1024 * 1024;
            default -> 100L * 1024 * 1024;
        };
    }

    /** As {@link #body(String, MessageContent)}; {@code uploadedMediaId} is set for our own stored files. */
    Optional<ObjectNode> body(
            String recipient, MessageContent content, @org.jspecify.annotations.Nullable String uploadedMediaId) {
        ObjectNode root = json.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put("to", recipient.startsWith("+") ? recipient.substring(1) : recipient);
        switch (content) {
            case MessageContent.Text text -> {
                root.put("type", "text");
                root.putObject("text").put("preview_url", false).put("body", text.body());
            }
            case MessageContent.Media media -> {
                String type = media.mediaType();
                ObjectNode node;
                if (uploadedMediaId != null) {
                    type = whatsAppType(media.mimeType() == null ? "" : media.mimeType());
                    root.put("type", type);
                    node = root.putObject(type).put("id", uploadedMediaId);
                } else {
                    if (media.url() == null) return Optional.empty();
                    root.put("type", type);
                    node = root.putObject(type);
                    // media received from Meta keeps its id ("media:<id>") and can be sent on by id
                    if (media.url().startsWith("media:"))
                        node.put("id", media.url().substring("media:".length()));
                    else node.put("link", media.url());
                }
                boolean captioned = !type.equals("audio") && !type.equals("sticker");
                if (captioned && media.caption() != null) node.put("caption", media.caption());
                if (type.equals("document") && media.filename() != null) node.put("filename", media.filename());
            }
            case MessageContent.Interactive interactive -> interactive(root, interactive);
            case MessageContent.Template template -> {
                root.put("type", "template");
                ObjectNode node = root.putObject("template").put("name", template.name());
                node.putObject("language").put("code", template.language());
                if (!template.parameters().isEmpty()) {
                    ArrayNode parameters = node.putArray("components")
                            .addObject()
                            .put("type", "body")
                            .putArray("parameters");
                    template.parameters()
                            .forEach(p ->
                                    parameters.addObject().put("type", "text").put("text", p));
                }
            }
            case MessageContent.Location location -> {
                root.put("type", "location");
                ObjectNode node = root.putObject("location")
                        .put("latitude", location.latitude())
                        .put("longitude", location.longitude());
                if (location.name() != null) node.put("name", location.name());
                if (location.address() != null) node.put("address", location.address());
            }
            case MessageContent.Reaction reaction -> {
                if (reaction.targetProviderMessageId() == null) return Optional.empty();
                root.put("type", "reaction");
                root.putObject("reaction")
                        .put("message_id", reaction.targetProviderMessageId())
                        .put("emoji", reaction.emoji());
            }
            case MessageContent.SharedContacts shared -> {
                root.put("type", "contacts");
                ArrayNode cards = root.putArray("contacts");
                for (var card : shared.contacts()) {
                    ObjectNode node = cards.addObject();
                    node.putObject("name").put("formatted_name", card.name()).put("first_name", card.name());
                    ArrayNode phones = node.putArray("phones");
                    card.phones().forEach(p -> phones.addObject().put("phone", p));
                }
            }
            case MessageContent.InteractiveReply reply -> {
                return Optional.empty(); // only a contact can press a button
            }
            case MessageContent.Unsupported unsupported -> {
                return Optional.empty();
            }
        }
        return Optional.of(root);
    }

    /** Up to three options become reply buttons; more become a list (WhatsApp's limits). */
    private static void interactive(ObjectNode root, MessageContent.Interactive interactive) {
        root.put("type", "interactive");
        boolean buttons = interactive.options().size() <= MAX_BUTTONS && interactive.listButton() == null;
        ObjectNode node = root.putObject("interactive").put("type", buttons ? "button" : "list");
        node.putObject("body").put("text", interactive.body());
        ObjectNode action = node.putObject("action");
        if (buttons) {
            ArrayNode list = action.putArray("buttons");
            interactive
                    .options()
                    .forEach(option -> list.addObject()
                            .put("type", "reply")
                            .putObject("reply")
                            .put("id", option.id())
                            .put("title", option.title()));
            return;
        }
        action.put("button", interactive.listButton() == null ? "Choose" : interactive.listButton());
        ArrayNode rows = action.putArray("sections").addObject().putArray("rows");
        interactive.options().forEach(option -> {
            ObjectNode row = rows.addObject().put("id", option.id()).put("title", option.title());
            if (option.description() != null) row.put("description", option.description());
        });
    }
}
