package io.switchboard.conversations.internal;

import io.switchboard.contacts.TimelineSource;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A contact's messages on every channel, for the contact's timeline. */
@Component
class MessageTimeline implements TimelineSource {

    private final ConversationService conversations;

    MessageTimeline(ConversationService conversations) {
        this.conversations = conversations;
    }

    @Override
    public List<TimelineEntry> entries(UUID orgId, UUID contactId, Instant before, int limit) {
        return conversations.visibleMessagesOfContactBefore(orgId, contactId, before, limit).stream()
                .map(m -> new TimelineEntry(
                        m.createdAt(),
                        "message",
                        m.id(),
                        m.conversationId(),
                        m.direction(),
                        m.content().searchableText(),
                        Map.of(
                                "sender", m.senderType().name().toLowerCase(Locale.ROOT),
                                "channelId", m.channelId().toString())))
                .toList();
    }
}
