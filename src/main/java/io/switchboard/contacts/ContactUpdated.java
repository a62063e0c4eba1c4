package io.switchboard.contacts;

import java.util.UUID;

/** A contact's details were changed through the API. Published in the updating transaction. */
public record ContactUpdated(UUID orgId, UUID contactId) {}
