package io.switchboard.identity.internal;

import io.switchboard.identity.OrganizationMembers;
import io.switchboard.identity.Role;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class MembershipLookup implements OrganizationMembers {

    private final AccountStore accounts;

    MembershipLookup(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Role> roleOf(UUID orgId, UUID userId) {
        return accounts.roleIn(orgId, userId);
    }
}
