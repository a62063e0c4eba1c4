package io.switchboard.contacts;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Finds or creates contacts from channel identities. Callers pass the organisation explicitly. */
public interface ContactDirectory {

    /**
     * The contact known on {@code channelId} as {@code externalId}; created on first contact. A phone
     * (E.164) links the identity to an existing contact with that number.
     */
    ContactRef resolveByIdentity(
            UUID orgId, UUID channelId, String externalId, @Nullable String displayName, @Nullable String phoneE164);

    Optional<ContactRef> find(UUID orgId, UUID contactId);

    /** The (unmerged) contact with this phone number (E.164), if any. */
    Optional<ContactRef> findByPhone(UUID orgId, String phoneE164);

    /** The contact known on {@code channelId} as {@code externalId}, without creating one. */
    Optional<UUID> findByIdentity(UUID orgId, UUID channelId, String externalId);

    /** How the contact is addressed on that channel (the provider's id for them), if known. */
    Optional<String> identityOn(UUID orgId, UUID contactId, UUID channelId);
}
