package io.switchboard.billing;

import java.time.Duration;
import java.util.UUID;

/**
 * Prepaid credits of an organisation, in integer minor units of its currency. Work that costs credits
 * reserves first (the amount is held, never more than is available), then settles what it actually
 * used (the rest goes back) or voids the hold. Every call is idempotent: the same idempotency key, or
 * settling/voiding a closed hold again, changes nothing and answers the same result.
 *
 * <p>{@link #reserve} fails with an {@link io.switchboard.shared.ApiProblem} of type {@code
 * insufficient-credits} (402) when the organisation's available credits are below the amount.
 */
public interface Credits {

    Hold reserve(UUID orgId, long amountMinor, String reason, Duration ttl, String idempotencyKey);

    /** Spends {@code actualMinor} (at most the held amount) and releases the rest of the hold. */
    Settlement settle(UUID orgId, UUID holdId, long actualMinor);

    /** Releases the whole hold; answers the hold as it is afterwards. */
    Hold voidHold(UUID orgId, UUID holdId);

    CreditBalance balance(UUID orgId);

    /** Adds credits (a payment or a grant by the platform); the key makes a retry post once. */
    long topUp(UUID orgId, long amountMinor, String reason, String idempotencyKey);
}
