package io.switchboard.contacts;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Enough of a contact for other modules: who it is and whether we may message them. */
public record ContactRef(
        UUID id,
        UUID orgId,
        @Nullable String name,
        @Nullable String phone,
        boolean optedOut) {}
