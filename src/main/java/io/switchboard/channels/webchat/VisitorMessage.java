package io.switchboard.channels.webchat;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.conversations.Conversations.VisibleMessage;
import io.switchboard.conversations.MessageContent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A chat message as the visitor sees it: text only, no ids of the people answering. */
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

        Instant createdAt) {

    static VisitorMessage of(VisibleMessage message) {
        String sender = switch (message.senderType()) {
            case CONTACT -> "visitor";
            case USER -> "human";
            case AGENT -> "bot";
            case SYSTEM -> "system";
        };
        String text = message.content() instanceof MessageContent.Text t
                ? t.body()
                : message.content().searchableText();
        List<MessageContent.Citation> citations =
                message.content() instanceof MessageContent.Text t ? t.citations() : List.of();
        return new VisitorMessage(message.id(), message.direction(), sender, text, citations, message.createdAt());
    }
}
