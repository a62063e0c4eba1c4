package io.switchboard.identity;

import java.util.UUID;

/**
 * Asked before a seat is taken (an invitation is sent). Billing implements it from the plan's seat
 * limit and throws its quota-exceeded Problem Details; without an implementation seats are unlimited.
 * It runs inside the inviting transaction, so concurrent invitations are counted one after another.
 */
public interface SeatAllowance {

    void requireSeat(UUID orgId);
}
