package io.switchboard.billing;

import java.util.UUID;

/**
 * Reports an organisation's current level of a non-metered limit (channels, agents, knowledge-base
 * bytes, seats, concurrent calls). The module that owns the data implements it as a bean; billing
 * asks it when checking the quota and when showing usage.
 */
public interface QuotaGauge {

    Limit limit();

    long current(UUID orgId);
}
