package io.switchboard.channels.webchat;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.conversations.Conversations.VisibleMessage;
import io.switchboard.conversations.MessageContent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A chat message as the visitor sees it: text (and a file, if any), no ids of the people answering. */
@Schema(name = "WebchatMessage")
record VisitorMessage(
        UUID id,

        @Schema(description = "inbound (from the visitor) or outbound (to the visitor)")
        String direction,

        @Schema(description = "visitor, human, bot or system")
        String sender,

        String text,

        @Schema(description = "sources of a bot answer: title, section, url")
        List<MessageContent.Citation> citations,

        Instant createdAt,

        @Schema(description = "image, video, audio or document when the message carries a file")
        @org.jspecify.annotations.Nullable
        String mediaType,

        @Schema(description = "absolute signed link to the file (valid about an hour)")
        @org.jspecify.annotations.Nullable
        String mediaUrl,

        @org.jspecify.annotations.Nullable String mimeType,
        @org.jspecify.annotations.Nullable String filename) {

    /** Signs links to stored files for the visitor's organisation. */
    interface Links {
        @org.jspecify.annotations.Nullable
        String link(UUID orgId, String fileKey);
    }

    static VisitorMessage of(VisibleMessage message, UUID orgId, Links links) {
        String sender = switch (message.senderType()) {
            case CONTACT -> "visitor";
            case USER -> "human";
            case AGENT -> "bot";
            case SYSTEM -> "system";
        };
        String text = message.content() instanceof MessageContent.Text t
                ? t.body()
                : message.content().searchableText();
        if (message.content() instanceof MessageContent.Media media) {
            String url = media.fileKey() == null ? null : links.link(orgId, media.fileKey());
            String caption = media.caption() == null ? "" : media.caption();
            return new VisitorMessage(
                    message.id(),
                    message.direction(),
                    sender,
                    caption,
                    List.of(),
                    message.createdAt(),
                    media.mediaType(),
                    url,
                    media.mimeType(),
                    media.filename());
        }
        List<MessageContent.Citation> citations =
                message.content() instanceof MessageContent.Text t && t.citations() != null ? t.citations() : List.of();
        return new VisitorMessage(
                message.id(),
                message.direction(),
                sender,
                text,
                citations,
                message.createdAt(),
                null,
                null,
                null,
                null);
    }
}
