package io.switchboard.identity;

import java.util.UUID;

/** Published when a new organisation exists (sign-up or bootstrap). */
public record OrganizationCreated(UUID orgId, String name, UUID ownerUserId) {}
