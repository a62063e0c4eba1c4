package io.switchboard.billing.internal;

import io.switchboard.billing.Limit;
import io.switchboard.billing.QuotaGauge;
import io.switchboard.billing.Quotas;
import io.switchboard.identity.OrganizationMembers;
import io.switchboard.identity.SeatAllowance;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The plan's seat limit: members plus open invitations, checked before each invitation. */
@Component
class Seats implements QuotaGauge, SeatAllowance {

    private final OrganizationMembers members;
    private final Quotas quotas;

    // lazy: the quota service collects every gauge, this one included, when it is built
    Seats(OrganizationMembers members, @Lazy Quotas quotas) {
        this.members = members;
        this.quotas = quotas;
    }

    @Override
    public Limit limit() {
        return Limit.SEATS;
    }

    @Override
    public long current(UUID orgId) {
        return members.seatsInUse(orgId);
    }

    @Override
    public void requireSeat(UUID orgId) {
        quotas.requireRoom(orgId, Limit.SEATS, 1);
    }
}
