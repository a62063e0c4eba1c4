package io.switchboard.conversations;

import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.storage.StoredBlob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The inbox as other modules see it. Organisation ids are explicit: callers may be background workers. */
public interface Conversations {

    /** An inbound message, once: a repeated provider message id answers empty and changes nothing. */
    Optional<RecordedMessage> recordInbound(
            UUID orgId,
            UUID channelId,
            UUID contactId,
            @Nullable String providerMessageId,
            MessageContent content,
            Instant sentAt);

    /** The open conversation between the contact and the channel, started when there is none. */
    UUID conversationFor(UUID orgId, UUID channelId, UUID contactId);

    /** Appends an outbound message from the bot or a person and asks the channel to deliver it. */
    RecordedMessage sendReply(
            UUID orgId, UUID conversationId, MessageContent content, SenderType sender, @Nullable UUID senderId);

    /** Applies a provider status; false when no message has this provider id (yet). */
    boolean updateDeliveryState(
            UUID orgId, UUID channelId, String providerMessageId, DeliveryState state, @Nullable String error);

    /** The channel handed the message to the provider, which answered with its id. */
    void markSent(UUID orgId, UUID messageId, String providerMessageId, DeliveryState state);

    void markFailed(UUID orgId, UUID messageId, String reason);

    Optional<MessageForDelivery> forDelivery(UUID orgId, UUID messageId);

    /** The media of a message now has our stored copy; the inbox shows it. */
    void attachMedia(UUID orgId, UUID messageId, StoredBlob file);

    /** The media of a message could not be fetched (yet): the inbox says why. */
    void markMediaUnavailable(UUID orgId, UUID messageId, String reason);

    /**
     * What the contact sees of every conversation with them on one channel: inbound and outbound
     * messages, never internal notes; oldest first.
     */
    PageResponse<VisibleMessage> visibleMessages(UUID orgId, UUID channelId, UUID contactId, PageQuery page);

    /** What the contact sees of all their conversations on every channel, newest first (self-service history). */
    PageResponse<VisibleMessage> visibleMessagesOfContact(UUID orgId, UUID contactId, PageQuery page);

    /** The contact-visible messages of one conversation created at or after {@code since}, oldest first. */
    List<VisibleMessage> visibleMessagesSince(UUID orgId, UUID conversationId, Instant since);

    /** Whether the bot may answer, and what it needs to know about the conversation. */
    Optional<ConversationState> state(UUID orgId, UUID conversationId);

    /** One contact-visible message (no internal notes). */
    Optional<VisibleMessage> visibleMessage(UUID orgId, UUID messageId);

    /** The last {@code limit} contact-visible messages of one conversation, oldest first (the bot's memory). */
    List<VisibleMessage> recentMessages(UUID orgId, UUID conversationId, int limit);

    /** Stores what the agent understood of an inbound message (intent, entities) as JSON. */
    void setUnderstanding(UUID orgId, UUID messageId, String understandingJson);

    Optional<String> understanding(UUID orgId, UUID messageId);

    /**
     * Hands the conversation to people: the bot pauses until someone resolves the conversation or
     * hands it back (unassigns it), priority goes up to at least high and a system note says why.
     */
    void handOff(UUID orgId, UUID conversationId, String reason);

    /** Marks the conversation for a human's look (label {@code flagged}) with a system note saying why. */
    void flag(UUID orgId, UUID conversationId, String reason);

    /** An internal note from the system (the team sees it, the contact never does). */
    void addSystemNote(UUID orgId, UUID conversationId, String text);

    /**
     * @param botPausedAt set while a handoff waits for people; the bot stays silent
     */
    record ConversationState(
            UUID id,
            UUID channelId,
            UUID contactId,
            String status,
            @Nullable UUID assigneeUserId,
            @Nullable Instant botPausedAt,
            @Nullable String handoffReason,
            String priority) {

        /** A person holds the conversation or the bot was paused by a handoff. */
        public boolean heldByPeople() {
            return assigneeUserId != null || botPausedAt != null;
        }
    }

    enum SenderType {
        CONTACT,
        USER,
        AGENT,
        SYSTEM;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record RecordedMessage(
            UUID messageId, UUID conversationId, UUID contactId, UUID channelId, boolean newConversation) {}

    /** A message as the contact may see it: no internal notes, no ids of people. */
    record VisibleMessage(
            UUID id,
            UUID conversationId,
            UUID channelId,
            UUID contactId,
            String direction,
            SenderType senderType,
            MessageContent content,
            Instant createdAt) {}

    record MessageForDelivery(
            UUID messageId, UUID conversationId, UUID contactId, UUID channelId, MessageContent content) {}
}
