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
        return List.of(new InboundItem.Message(
                number,
                blankToNull(params.get("ProfileName")),
                number.startsWith("+") ? number : null,
                sid,
                Instant.now(),
                content(params)));
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
        if (!params.getOrDefault("NumMedia", "0").equals("0") && params.get("MediaUrl0") != null) {
            // one message per provider id: the first attachment is kept (MMS rarely carries more)
            String mime = params.get("MediaContentType0");
            return new MessageContent.Media(mediaType(mime), params.get("MediaUrl0"), mime, blankToNull(body), null);
        }
        String buttonPayload = blankToNull(params.get("ButtonPayload"));
        if (buttonPayload != null) {
            return new MessageContent.InteractiveReply(buttonPayload, params.getOrDefault("ButtonText", body));
        }
        return new MessageContent.Text(body);
    }

    private static String mediaType(@Nullable String mime) {
        if (mime == null) return "document";
        if (mime.startsWith("image/")) return "image";
        if (mime.startsWith("video/")) return "video";
        if (mime.startsWith("audio/")) return "audio";
        return "document";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
