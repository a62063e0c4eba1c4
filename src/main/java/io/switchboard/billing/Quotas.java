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

    /** Like {@link #consume} but throws the 429 quota-exceeded Problem Details (for HTTP callers). */
    default void require(UUID orgId, Limit limit, long amount, String idempotencyKey) {
        if (consume(orgId, limit, amount, idempotencyKey) instanceof QuotaDecision.QuotaExceeded e) {
            throw e.toProblem();
        }
    }
}
