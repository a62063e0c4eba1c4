package io.switchboard.channels.webchat;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelAdapterFactory;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.OutboundRequest;
import io.switchboard.channels.spi.SendResult;
import io.switchboard.channels.spi.WebhookRequest;
import io.switchboard.conversations.MessageContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embeddable web chat widget. There is no provider: the widget's public API ({@link
 * WebchatController}) writes what visitors type into the durable inbox, and replies count as
 * delivered at once because the visitor reads them live from the stream.
 */
@Component
class WebchatChannelFactory implements ChannelAdapterFactory {

    static final String TYPE = "webchat";
    private final JsonMapper json;

    WebchatChannelFactory(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<String> webhookPath() {
        return Optional.empty();
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                new ConfigField(
                        "allowedOrigins",
                        true,
                        false,
                        "Sites that may embed the widget, comma-separated origins (https://www.example.com)"),
                new ConfigField("themeColor", false, false, "Hex colour of the bubble and header, e.g. #4f46e5"),
                new ConfigField("greeting", false, false, "First line the visitor sees"),
                new ConfigField("position", false, false, "bottom-right (default) or bottom-left"),
                new ConfigField(
                        "preChatFields",
                        false,
                        false,
                        "Asked before the chat starts: comma list of name, email, phone"),
                new ConfigField(
                        "identitySecret",
                        false,
                        true,
                        "Enables identity verification: userHash = hex HMAC-SHA256(userId, identitySecret)"));
    }

    @Override
    public double defaultRatePerSecond() {
        return 50;
    }

    @Override
    public Map<String, String> validate(Map<String, String> config) {
        return WebchatSettings.problems(config);
    }

    @Override
    public ChannelAdapter create(ChannelConnection connection) {
        return new ChannelAdapter() {
            @Override
            public boolean verify(WebhookRequest request) {
                return false; // no webhook: visitors write through the widget API with a visitor token
            }

            @Override
            public List<InboundItem> parse(String payload, String contentType) {
                JsonNode event = json.readTree(payload);
                Instant at =
                        event.hasNonNull("at") ? Instant.parse(event.get("at").asString()) : Instant.now();
                return List.of(new InboundItem.Message(
                        event.get("from").asString(),
                        event.hasNonNull("name") ? event.get("name").asString() : null,
                        null, // a phone typed into a web form proves nothing: never link contacts by it
                        event.get("id").asString(),
                        at,
                        new MessageContent.Text(event.get("text").asString())));
            }

            @Override
            public SendResult send(OutboundRequest request) {
                return new SendResult.Delivered("webchat-" + request.messageId());
            }
        };
    }
}
