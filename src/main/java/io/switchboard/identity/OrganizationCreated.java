package io.switchboard.identity;

import java.util.UUID;

/**
 * Published when a new organisation exists. {@code bootstrap} marks the operator's own organisation
 * created on the first start (billing puts it on an unlimited plan; sign-ups start on the trial).
 */
public record OrganizationCreated(UUID orgId, String name, UUID ownerUserId, boolean bootstrap) {}
