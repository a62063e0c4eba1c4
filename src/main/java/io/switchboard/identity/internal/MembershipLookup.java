package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.Invitations;
import static io.switchboard.identity.internal.IdentityTables.Memberships;
import static io.switchboard.identity.internal.IdentityTables.Users;

import io.switchboard.identity.OrganizationMembers;
import io.switchboard.identity.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

@Component
class MembershipLookup implements OrganizationMembers {

    private final AccountStore accounts;
    private final DSLContext db;

    MembershipLookup(AccountStore accounts, DSLContext db) {
        this.accounts = accounts;
        this.db = db;
    }

    @Override
    public Optional<Role> roleOf(UUID orgId, UUID userId) {
        return accounts.roleIn(orgId, userId);
    }

    @Override
    public long seatsInUse(UUID orgId) {
        int members = db.fetchCount(Memberships.T, Memberships.ORG_ID.eq(orgId));
        int open = db.fetchCount(
                Invitations.T,
                Invitations.ORG_ID.eq(orgId),
                Invitations.ACCEPTED_AT.isNull(),
                Invitations.REVOKED_AT.isNull(),
                Invitations.EXPIRES_AT.gt(Instant.now()));
        return (long) members + open;
    }

    @Override
    public List<String> adminEmails(UUID orgId) {
        return db.select(Users.EMAIL)
                .from(Memberships.T)
                .join(Users.T)
                .on(Users.ID.eq(Memberships.USER_ID))
                .where(Memberships.ORG_ID.eq(orgId), Memberships.ROLE.in(Role.OWNER.json(), Role.ADMIN.json()))
                .orderBy(Users.EMAIL)
                .fetch(Users.EMAIL);
    }
}
