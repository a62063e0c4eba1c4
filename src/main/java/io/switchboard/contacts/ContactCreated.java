package io.switchboard.contacts;

import java.util.UUID;

/**
 * A contact was created, by hand ({@code source} "api") or by a first message on a channel
 * ("channel"). Published in the creating transaction.
 */
public record ContactCreated(UUID orgId, UUID contactId, String source) {}
