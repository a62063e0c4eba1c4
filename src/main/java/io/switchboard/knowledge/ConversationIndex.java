package io.switchboard.knowledge;

import java.util.Collection;
import java.util.UUID;

/**
 * The searchable copy of an organisation's conversation messages (text, vector, index entry). Messages
 * are added by themselves as they are stored; whoever deletes or erases messages (the GDPR erase)
 * must call one of these in the deleting transaction. The rows go with the transaction, the index
 * entries right after it commits (a search never shows a message whose row is gone).
 */
public interface ConversationIndex {

    /** Forgets these messages of the organisation (unknown ids are ignored). */
    void forgetMessages(UUID orgId, Collection<UUID> messageIds);

    /** Forgets every message of one conversation. */
    void forgetConversation(UUID orgId, UUID conversationId);

    /** Forgets every message exchanged with one contact (erasure of a person). */
    void forgetContact(UUID orgId, UUID contactId);
}
