package io.switchboard.contacts;

import java.util.List;
import java.util.Map;
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

    /** Name, phone, tags and attributes of a contact, for templating ({{contact.name}}) in flows. */
    Optional<ContactProfile> profile(UUID orgId, UUID contactId);

    /**
     * Adds and removes tags and merges string attributes (a flow's update-contact step). Unknown
     * contacts are ignored.
     */
    void updateTagsAndAttributes(
            UUID orgId, UUID contactId, List<String> addTags, List<String> removeTags, Map<String, String> attributes);

    record ContactProfile(
            UUID id,
            @Nullable String name,
            @Nullable String phone,
            List<String> tags,
            Map<String, Object> attributes) {}
}
