package io.switchboard.identity;

import java.util.Optional;
import java.util.UUID;

/** Lets other modules check that a user belongs to an organisation (e.g. before assigning work). */
public interface OrganizationMembers {

    Optional<Role> roleOf(UUID orgId, UUID userId);
}
