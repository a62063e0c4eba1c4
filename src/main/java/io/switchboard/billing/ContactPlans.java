package io.switchboard.billing;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Plans an organisation sells to its own contacts (per-contact AI replies per period, history
 * retention and a messages-per-minute limit). The agents ask {@link #admit} before answering an
 * inbound message; the retention purge asks {@link #contactHistoryDays}.
 */
public interface ContactPlans {

    /**
     * Decides whether the agent may answer this inbound message of this contact: the per-contact rate
     * limit, an upgrade request ("upgrade", "subscribe", "plan" ...), then the per-contact quota, which
     * this call also consumes (keyed by the message id, so a retry counts once). Organisations without
     * contact plans always get {@link ContactGate.Proceed}.
     */
    ContactGate admit(UUID orgId, UUID contactId, UUID messageId, String text);

    /**
     * Days of conversation history to keep for this contact according to their contact plan (or the
     * free allowance): null when contact plans set no limit for them (unlimited, or the organisation
     * has no contact plans), in which case the organisation's own plan window applies.
     */
    @Nullable
    Integer contactHistoryDays(UUID orgId, UUID contactId);
}
