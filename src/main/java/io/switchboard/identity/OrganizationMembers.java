package io.switchboard.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Lets other modules check that a user belongs to an organisation (e.g. before assigning work). */
public interface OrganizationMembers {

    Optional<Role> roleOf(UUID orgId, UUID userId);

    /** Seats taken: members plus invitations still open (an accepted invitation keeps its seat). */
    long seatsInUse(UUID orgId);

    /** E-mail addresses of the organisation's owners and admins, for operational notices. */
    List<String> adminEmails(UUID orgId);
}
