package io.switchboard.channels.twilio;

import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.UnreadablePayloadException;
import io.switchboard.conversations.DeliveryState;
import io.switchboard.conversations.MessageContent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Twilio's form-encoded webhooks: an incoming message ({@code Body}, {@code NumMedia}, ...) or a
 * status callback ({@code MessageStatus}). Twilio sends no event time, so the time of reading stands in.
 */
final class TwilioWebhookParser {

    private TwilioWebhookParser() {}

    static List<InboundItem> parse(String payload) {
        Map<String, String> params;
        try {
            params = TwilioForm.parse(payload);
        } catch (IllegalArgumentException e) {
            throw new UnreadablePayloadException("not a form-encoded body: " + e.getMessage(), e);
        }
        String sid = params.getOrDefault("MessageSid", params.get("SmsSid"));
        if (sid == null || sid.isBlank()) {
            throw new UnreadablePayloadException("no MessageSid: not a Twilio messaging webhook");
        }
        if (params.containsKey("MessageStatus")) {
            return status(sid, params);
        }
        String from = params.get("From");
        if (from == null || from.isBlank()) {
            throw new UnreadablePayloadException("message " + sid + " has no From");
        }
        String number = TwilioFlavor.number(from);
        List<InboundItem> media = media(sid, number, params);
        if (!media.isEmpty()) {
            return media;
        }
        return List.of(new InboundItem.Message(
                number,
                blankToNull(params.get("ProfileName")),
                number.startsWith("+") ? number : null,
                sid,
                Instant.now(),
                content(params)));
    }

    /**
     * One message per attachment (MediaUrl0..N): the first keeps Twilio's sid and the text as caption,
     * the others get {@code sid/1}, {@code sid/2}... so each is stored once however often Twilio retries.
     */
    private static List<InboundItem> media(String sid, String number, Map<String, String> params) {
        int count;
        try {
            count = Math.min(
                    10, Integer.parseInt(params.getOrDefault("NumMedia", "0").trim()));
        } catch (NumberFormatException e) {
            throw new UnreadablePayloadException("NumMedia is not a number");
        }
        if (params.get("Latitude") != null && params.get("Longitude") != null) {
            return List.of();
        }
        List<InboundItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String url = blankToNull(params.get("MediaUrl" + i));
            if (url == null) continue;
            String mime = blankToNull(params.get("MediaContentType" + i));
            items.add(new InboundItem.Message(
                    number,
                    blankToNull(params.get("ProfileName")),
                    number.startsWith("+") ? number : null,
                    i == 0 ? sid : sid + "/" + i,
                    Instant.now(),
                    new MessageContent.Media(
                            MessageContent.Media.typeOf(mime),
                            url,
                            mime,
                            i == 0 ? blankToNull(params.getOrDefault("Body", "")) : null,
                            null)));
        }
        return items;
    }

    private static List<InboundItem> status(String sid, Map<String, String> params) {
        DeliveryState state = switch (params.get("MessageStatus").toLowerCase(Locale.ROOT)) {
            case "sent" -> DeliveryState.SENT;
            case "delivered" -> DeliveryState.DELIVERED;
            case "read" -> DeliveryState.READ;
            case "undelivered", "failed", "canceled" -> DeliveryState.FAILED;
            default -> null; // queued, accepted, sending, scheduled: we know it is on its way
        };
        if (state == null) {
            return List.of();
        }
        String error = null;
        if (state == DeliveryState.FAILED) {
            String code = blankToNull(params.get("ErrorCode"));
            String message = blankToNull(params.get("ErrorMessage"));
            error = "Twilio " + params.get("MessageStatus")
                    + (code == null ? "" : " (error " + code + ")")
                    + (message == null ? "" : ": " + message);
        }
        return List.of(new InboundItem.StatusUpdate(sid, state, Instant.now(), error));
    }

    private static MessageContent content(Map<String, String> params) {
        String body = params.getOrDefault("Body", "");
        String latitude = params.get("Latitude");
        String longitude = params.get("Longitude");
        if (latitude != null && longitude != null) {
            try {
                return new MessageContent.Location(
                        Double.parseDouble(latitude),
                        Double.parseDouble(longitude),
                        blankToNull(params.get("Label")),
                        blankToNull(params.get("Address")));
            } catch (NumberFormatException e) {
                throw new UnreadablePayloadException("Latitude/Longitude are not numbers");
            }
        }
        String buttonPayload = blankToNull(params.get("ButtonPayload"));
        if (buttonPayload != null) {
            return new MessageContent.InteractiveReply(buttonPayload, params.getOrDefault("ButtonText", body));
        }
        return new MessageContent.Text(body);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
