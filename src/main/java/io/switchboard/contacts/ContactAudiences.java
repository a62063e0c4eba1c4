package io.switchboard.contacts;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Contacts as an audience (campaigns): who matches a filter, who of them may be messaged (not opted out,
 * consent not withdrawn, or granted where required), and opt-outs recorded by keyword. Organisation ids
 * are explicit: callers may be background workers.
 */
public interface ContactAudiences {

    /**
     * @param tags all of these tags
     * @param attributes attribute values that must match exactly
     * @param activeWithinDays wrote to us within this many days
     * @param inactiveForDays wrote nothing for at least this many days (or never)
     * @param channelId known on this channel (has an identity there)
     */
    record Filter(
            List<String> tags,
            Map<String, String> attributes,
            @Nullable Integer activeWithinDays,
            @Nullable Integer inactiveForDays,
            @Nullable UUID channelId) {}

    /** @param matching contacts the filter finds; eligible + optedOut + noConsent = matching */
    record Counts(long matching, long eligible, long optedOut, long noConsent) {}

    /** Why a contact may not be messaged: {@code opted-out} or {@code no-consent}. */
    String OPTED_OUT = "opted-out";

    String NO_CONSENT = "no-consent";

    Counts count(UUID orgId, Filter filter, boolean requireConsent);

    /** The next eligible contact ids after {@code after} (keyset, PostgreSQL's uuid order). */
    List<UUID> eligiblePage(UUID orgId, Filter filter, boolean requireConsent, UUID after, int limit);

    /** The contacts among {@code contactIds} that may not be messaged, with the reason. */
    Map<UUID, String> exclusions(UUID orgId, Collection<UUID> contactIds, boolean requireConsent);

    Optional<Member> member(UUID orgId, UUID contactId);

    record Member(
            UUID id,
            @Nullable String name,
            @Nullable String phone,
            boolean optedOut,
            String consent,
            Map<String, String> attributes) {}

    /**
     * The contact with this phone number, created when there is none. A number without + uses {@code
     * countryCode}. Throws a validation ApiProblem naming {@code phone} for an invalid number.
     */
    ContactRef ensureByPhone(UUID orgId, String phone, @Nullable String name, @Nullable String countryCode);

    /** Records that the contact asked to receive nothing more; true when this changed the contact. */
    boolean recordOptOut(UUID orgId, UUID contactId, String source);
}
