package io.switchboard.channels.whatsappcloud;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.MediaFetch;
import io.switchboard.channels.spi.OutboundRequest;
import io.switchboard.channels.spi.SendResult;
import io.switchboard.channels.spi.WebhookRequest;
import io.switchboard.conversations.MessageContent;
import io.switchboard.storage.BlobStore;
import java.util.List;
import java.util.Optional;

/** One WhatsApp Cloud channel: verifies Meta's webhooks, reads them, sends through Graph. */
final class WhatsAppCloudAdapter implements ChannelAdapter {

    private final ChannelConnection connection;
    private final GraphApi graph;
    private final MetaWebhookParser parser;
    private final GraphMessages messages;
    private final BlobStore blobs;
    private final GraphTemplates templates;

    WhatsAppCloudAdapter(
            ChannelConnection connection,
            GraphApi graph,
            MetaWebhookParser parser,
            GraphMessages messages,
            BlobStore blobs,
            GraphTemplates templates) {
        this.templates = templates;
        this.connection = connection;
        this.graph = graph;
        this.parser = parser;
        this.messages = messages;
        this.blobs = blobs;
    }

    @Override
    public boolean verify(WebhookRequest request) {
        return MetaSignature.matches(
                request.body(), request.header(MetaSignature.HEADER), connection.require("appSecret"));
    }

    @Override
    public Optional<String> handshake(WebhookRequest request) {
        String challenge = request.params().get("hub.challenge");
        boolean subscribe = "subscribe".equals(request.params().get("hub.mode"));
        if (!subscribe
                || challenge == null
                || !MetaSignature.sameSecret(
                        request.params().get("hub.verify_token"), connection.require("verifyToken"))) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }

    @Override
    public boolean reviewsTemplates() {
        return true;
    }

    @Override
    public io.switchboard.channels.ChannelTemplates.Review submitTemplate(
            io.switchboard.channels.ChannelTemplates.TemplateDraft draft) {
        String wabaId = connection.config().get("wabaId");
        if (wabaId == null || wabaId.isBlank()) {
            throw io.switchboard.shared.ApiProblem.conflict(
                    "channel-missing-waba-id",
                    "Set the channel's wabaId (WhatsApp Business Account ID) to submit templates to Meta");
        }
        return templates.submit(wabaId, connection.require("accessToken"), draft);
    }

    @Override
    public Optional<io.switchboard.channels.ChannelTemplates.Review> templateStatus(String providerTemplateId) {
        return templates.status(connection.require("accessToken"), providerTemplateId);
    }

    @Override
    public List<InboundItem> parse(String payload, String contentType) {
        return parser.parse(payload);
    }

    @Override
    public MediaFetch fetchMedia(MessageContent.Media media) {
        String url = media.url();
        if (url == null || !url.startsWith("media:")) {
            return new MediaFetch.Failed("no WhatsApp media id on this message", false);
        }
        return graph.download(url.substring("media:".length()), connection.require("accessToken"));
    }

    @Override
    public SendResult send(OutboundRequest request) {
        if (request.content() instanceof MessageContent.Media media && media.fileKey() != null) {
            return sendStoredFile(request, media, media.fileKey());
        }
        return messages.body(request.recipient(), request.content())
                .map(body -> graph.send(connection.require("phoneNumberId"), connection.require("accessToken"), body))
                .orElseGet(() -> new SendResult.Failed(
                        "WhatsApp cannot send " + request.content().kind() + " content"));
    }

    /** Our own file: uploaded to Meta first, then sent by the media id Meta answers. */
    private SendResult sendStoredFile(OutboundRequest request, MessageContent.Media media, String fileKey) {
        var opened = blobs.open(connection.orgId(), fileKey);
        if (opened.isEmpty()) {
            return new SendResult.Failed("the attached file " + fileKey + " no longer exists");
        }
        GraphApi.Upload upload;
        try (var file = opened.get()) {
            upload = graph.upload(
                    connection.require("phoneNumberId"),
                    connection.require("accessToken"),
                    file.blob().contentType(),
                    file.blob().filename() == null ? "file" : file.blob().filename(),
                    file.content());
        }
        if (upload.mediaId() == null) {
            return upload.failure() == null ? new SendResult.Failed("media upload failed") : upload.failure();
        }
        var body = messages.body(request.recipient(), media, upload.mediaId()).orElseThrow();
        return graph.send(connection.require("phoneNumberId"), connection.require("accessToken"), body);
    }
}
