package io.switchboard.billing;

import java.util.UUID;

/**
 * Published once each time an organisation's available credits drop below its low-balance
 * threshold (again only after they were back above it). Outbound webhooks deliver it as credits.low.
 */
public record CreditsLow(UUID orgId, long availableMinor, long thresholdMinor, String currency) {}
