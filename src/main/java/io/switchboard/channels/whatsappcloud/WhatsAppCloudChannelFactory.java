package io.switchboard.channels.whatsappcloud;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelAdapterFactory;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.shared.ApiProblem;
import io.switchboard.storage.BlobStore;
import io.switchboard.storage.BlobTooLargeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** WhatsApp Business numbers connected directly to Meta's Cloud API. */
@Component
class WhatsAppCloudChannelFactory implements ChannelAdapterFactory {

    static final String TYPE = "whatsapp_cloud";

    private final GraphApi graph;
    private final MetaWebhookParser parser;
    private final GraphMessages messages;
    private final BlobStore blobs;
    private final GraphTemplates templates;

    WhatsAppCloudChannelFactory(
            JsonMapper json,
            @Value("${switchboard.providers.whatsapp-graph-base-url}") String graphBaseUrl,
            BlobStore blobs) {
        this.blobs = blobs;
        this.graph = new GraphApi(graphBaseUrl, json);
        this.parser = new MetaWebhookParser(json);
        this.messages = new GraphMessages(json);
        this.templates = new GraphTemplates(graphBaseUrl, json);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<String> webhookPath() {
        return Optional.of("whatsapp");
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                new ConfigField("phoneNumberId", true, false, "Phone number ID from WhatsApp Manager (not the number)"),
                new ConfigField("wabaId", false, false, "WhatsApp Business Account ID"),
                new ConfigField("accessToken", true, true, "System user access token with whatsapp_business_messaging"),
                new ConfigField("appSecret", true, true, "App secret: checks the X-Hub-Signature-256 of webhooks"),
                new ConfigField("verifyToken", true, true, "Any secret string; enter the same in the webhook setup"));
    }

    @Override
    public double defaultRatePerSecond() {
        return 80; // Cloud API default throughput per phone number
    }

    @Override
    public Optional<Duration> customerServiceWindow() {
        return Optional.of(Duration.ofHours(24));
    }

    @Override
    public ChannelAdapter create(ChannelConnection connection) {
        return new WhatsAppCloudAdapter(connection, graph, parser, messages, blobs, templates);
    }

    @Override
    public boolean fetchesInboundMedia() {
        return true;
    }

    @Override
    public Optional<ApiProblem> checkMedia(String mimeType, long sizeBytes) {
        String kind = GraphMessages.whatsAppType(mimeType);
        long max = GraphMessages.maxBytes(kind);
        if (sizeBytes > max) {
            return Optional.of(ApiProblem.invalidField(
                    "file",
                    "is larger than " + BlobTooLargeException.humanSize(max) + ", WhatsApp's limit for "
                            + (kind.equals("audio") ? "audio" : kind + "s")
                            + (kind.equals("document") ? "" : " (" + mimeType + ")")));
        }
        return Optional.empty();
    }
}
