package io.switchboard.knowledge.internal;

/**
 * What the index holds for one conversation message: its id, the filters (conversation, channel,
 * contact, note or not, time) and the text for BM25 with its unit-length vector.
 */
record IndexedMessage(
        String messageId,
        String conversationId,
        String channelId,
        String contactId,
        boolean internal,
        long createdAtMillis,
        String text,
        float[] vector) {}
