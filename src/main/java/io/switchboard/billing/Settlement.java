package io.switchboard.billing;

import java.util.UUID;

/** What a settled hold spent and what went back to the available balance. */
public record Settlement(UUID holdId, long spentMinor, long releasedMinor) {}
