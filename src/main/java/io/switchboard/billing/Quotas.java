package io.switchboard.billing;

import java.util.UUID;

/**
 * Asks whether metered or limited work may start. Call {@link #consume} once the work is certain (the
 * idempotency key, e.g. the message id of an AI reply, makes a retry count once); {@link #check} only
 * looks. Example (agents, before answering with the LLM):
 *
 * <pre>{@code
 * if (quotas.consume(orgId, Limit.AI_REPLIES, 1, messageId.toString()) instanceof QuotaExceeded e) {
 *     // send the agent's "limit reached" message and hand off to a human
 * }
 * }</pre>
 */
public interface Quotas {

    QuotaDecision check(UUID orgId, Limit limit, long amount);

    QuotaDecision consume(UUID orgId, Limit limit, long amount, String idempotencyKey);

    /**
     * Before adding one more of a level limit (a channel, an agent, knowledge-base bytes): throws the
     * 429 quota-exceeded Problem Details when the plan has no room. Call it inside the transaction that
     * creates the thing: the check holds a per-organisation lock on that limit until the transaction
     * ends, so two concurrent creations cannot both take the last place.
     */
    default void requireRoom(UUID orgId, Limit limit, long amount) {
        if (check(orgId, limit, amount) instanceof QuotaDecision.QuotaExceeded e) {
            throw e.toProblem();
        }
    }

    /** Like {@link #consume} but throws the 429 quota-exceeded Problem Details (for HTTP callers). */
    default void require(UUID orgId, Limit limit, long amount, String idempotencyKey) {
        if (consume(orgId, limit, amount, idempotencyKey) instanceof QuotaDecision.QuotaExceeded e) {
            throw e.toProblem();
        }
    }
}
