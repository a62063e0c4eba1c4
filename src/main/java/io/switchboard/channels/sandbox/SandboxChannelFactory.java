package io.switchboard.channels.sandbox;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelAdapterFactory;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.OutboundRequest;
import io.switchboard.channels.spi.SendResult;
import io.switchboard.channels.spi.WebhookRequest;
import io.switchboard.conversations.DeliveryState;
import io.switchboard.conversations.MessageContent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A channel with no provider, for demos and tests: messages are injected through the API (the same
 * durable path as a webhook) and replies count as delivered at once.
 */
@Component
class SandboxChannelFactory implements ChannelAdapterFactory {

    static final String TYPE = "sandbox";
    private final JsonMapper json;

    SandboxChannelFactory(JsonMapper json) {
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
        return List.of(new ConfigField("description", false, false, "What this sandbox is for"));
    }

    @Override
    public double defaultRatePerSecond() {
        return 50;
    }

    @Override
    public ChannelAdapter create(ChannelConnection connection) {
        return new ChannelAdapter() {
            @Override
            public boolean verify(WebhookRequest request) {
                return false; // no public webhook: messages come in through the authenticated API
            }

            @Override
            public List<InboundItem> parse(String payload, String contentType) {
                JsonNode event = json.readTree(payload);
                Instant at =
                        event.hasNonNull("at") ? Instant.parse(event.get("at").asString()) : Instant.now();
                if ("status".equals(event.path("type").asString())) {
                    return List.of(new InboundItem.StatusUpdate(
                            event.get("id").asString(),
                            DeliveryState.fromJson(event.get("status").asString()),
                            at,
                            null));
                }
                String from = event.get("from").asString();
                return List.of(new InboundItem.Message(
                        from,
                        event.hasNonNull("name") ? event.get("name").asString() : null,
                        from.startsWith("+") ? from : null,
                        event.get("id").asString(),
                        at,
                        new MessageContent.Text(event.get("text").asString())));
            }

            @Override
            public SendResult send(OutboundRequest request) {
                return new SendResult.Delivered("sandbox-" + request.messageId());
            }
        };
    }
}
