package io.switchboard.contacts.internal;

import static io.switchboard.contacts.internal.ContactTables.Contacts;
import static io.switchboard.contacts.internal.ContactTables.Identities;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.when;

import io.switchboard.contacts.ContactAudiences;
import io.switchboard.contacts.ContactRef;
import io.switchboard.contacts.ContactUpdated;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Component
class ContactAudiencesImpl implements ContactAudiences {

    private final DSLContext db;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    ContactAudiencesImpl(DSLContext db, JsonMapper json, ApplicationEventPublisher events) {
        this.db = db;
        this.json = json;
        this.events = events;
    }

    private Condition matching(UUID orgId, Filter filter) {
        Condition c = Contacts.ORG_ID.eq(orgId).and(Contacts.MERGED_INTO.isNull());
        if (!filter.tags().isEmpty()) {
            c = c.and(field(
                    "{0} @> {1}",
                    Boolean.class, Contacts.TAGS, DSL.val(filter.tags().toArray(String[]::new), Contacts.TAGS)));
        }
        if (!filter.attributes().isEmpty()) {
            c = c.and(field(
                    "{0} @> {1}",
                    Boolean.class,
                    Contacts.ATTRIBUTES,
                    DSL.val(JSONB.valueOf(json.writeValueAsString(filter.attributes())))));
        }
        // last activity is when the contact last wrote on any conversation (read-only look at the inbox table)
        if (filter.activeWithinDays() != null) {
            c = c.and(exists(selectOne()
                    .from(DSL.table(DSL.name("conversations")))
                    .where(
                            field(DSL.name("conversations", "org_id"), UUID.class)
                                    .eq(orgId),
                            field(DSL.name("conversations", "contact_id"), UUID.class)
                                    .eq(Contacts.ID),
                            field(DSL.name("conversations", "last_inbound_at"), Instant.class)
                                    .ge(Instant.now().minus(java.time.Duration.ofDays(filter.activeWithinDays()))))));
        }
        if (filter.inactiveForDays() != null) {
            c = c.and(not(exists(selectOne()
                    .from(DSL.table(DSL.name("conversations")))
                    .where(
                            field(DSL.name("conversations", "org_id"), UUID.class)
                                    .eq(orgId),
                            field(DSL.name("conversations", "contact_id"), UUID.class)
                                    .eq(Contacts.ID),
                            field(DSL.name("conversations", "last_inbound_at"), Instant.class)
                                    .ge(Instant.now().minus(java.time.Duration.ofDays(filter.inactiveForDays())))))));
        }
        if (filter.channelId() != null) {
            c = c.and(exists(selectOne()
                    .from(Identities.T)
                    .where(
                            Identities.ORG_ID.eq(orgId),
                            Identities.CHANNEL_ID.eq(filter.channelId()),
                            Identities.CONTACT_ID.eq(Contacts.ID))));
        }
        return c;
    }

    private static Condition noConsent(boolean requireConsent) {
        return requireConsent ? Contacts.CONSENT.ne("granted") : Contacts.CONSENT.eq("revoked");
    }

    private static Condition eligible(boolean requireConsent) {
        return Contacts.OPTED_OUT.isFalse().and(not(noConsent(requireConsent)));
    }

    @Override
    public Counts count(UUID orgId, Filter filter, boolean requireConsent) {
        Field<Integer> optedOut = DSL.count().filterWhere(Contacts.OPTED_OUT.isTrue());
        Field<Integer> withoutConsent =
                DSL.count().filterWhere(Contacts.OPTED_OUT.isFalse().and(noConsent(requireConsent)));
        var r = db.select(DSL.count(), optedOut, withoutConsent)
                .from(Contacts.T)
                .where(matching(orgId, filter))
                .fetchOne();
        long all = r.value1();
        long out = r.value2();
        long none = r.value3();
        return new Counts(all, all - out - none, out, none);
    }

    @Override
    public List<UUID> eligiblePage(UUID orgId, Filter filter, boolean requireConsent, UUID after, int limit) {
        return db.select(Contacts.ID)
                .from(Contacts.T)
                .where(matching(orgId, filter), eligible(requireConsent), Contacts.ID.gt(after))
                .orderBy(Contacts.ID)
                .limit(limit)
                .fetch(Contacts.ID);
    }

    @Override
    public Map<UUID, String> exclusions(UUID orgId, Collection<UUID> contactIds, boolean requireConsent) {
        Map<UUID, String> out = new LinkedHashMap<>();
        if (contactIds.isEmpty()) return out;
        db.select(
                        Contacts.ID,
                        when(Contacts.OPTED_OUT.isTrue(), inline(OPTED_OUT)).otherwise(inline(NO_CONSENT)))
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.in(contactIds), not(eligible(requireConsent)))
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    @Override
    public Optional<Member> member(UUID orgId, UUID contactId) {
        return db.select(
                        Contacts.ID,
                        Contacts.NAME,
                        Contacts.PHONE,
                        Contacts.OPTED_OUT,
                        Contacts.CONSENT,
                        Contacts.ATTRIBUTES)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(contactId))
                .fetchOptional(r ->
                        new Member(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), attributes(r.value6())));
    }

    private Map<String, String> attributes(@Nullable JSONB value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) return out;
        JsonNode node = json.readTree(value.data());
        node.properties()
                .forEach(e -> out.put(
                        e.getKey(),
                        e.getValue().isString()
                                ? e.getValue().asString()
                                : e.getValue().toString()));
        return out;
    }

    /** Runs in the caller's transaction; an invalid number throws before anything is written. */
    @Override
    public ContactRef ensureByPhone(UUID orgId, String phone, @Nullable String name, @Nullable String countryCode) {
        String e164 = ContactService.normalizePhone("phone", phone, countryCode);
        var existing = db.select(Contacts.ID, Contacts.NAME, Contacts.PHONE, Contacts.OPTED_OUT)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.MERGED_INTO.isNull(), Contacts.PHONE.eq(e164))
                .limit(1)
                .fetchOptional(r -> new ContactRef(r.value1(), orgId, r.value2(), r.value3(), r.value4()));
        if (existing.isPresent()) return existing.get();
        UUID id = UUID.randomUUID();
        String cleanName = name == null || name.isBlank() ? null : name.trim();
        db.insertInto(Contacts.T)
                .set(Contacts.ID, id)
                .set(Contacts.ORG_ID, orgId)
                .set(Contacts.NAME, cleanName)
                .set(Contacts.PHONE, e164)
                .set(Contacts.COUNTRY_CODE, countryCode == null ? null : countryCode.toUpperCase(java.util.Locale.ROOT))
                .execute();
        events.publishEvent(new io.switchboard.contacts.ContactCreated(orgId, id, "campaign"));
        return new ContactRef(id, orgId, cleanName, e164, false);
    }

    /** Runs in the caller's transaction (one statement). */
    @Override
    public boolean recordOptOut(UUID orgId, UUID contactId, String source) {
        int changed = db.update(Contacts.T)
                .set(Contacts.OPTED_OUT, true)
                .set(Contacts.OPTED_OUT_AT, Instant.now())
                .set(Contacts.UPDATED_AT, Instant.now())
                .set(
                        Contacts.ATTRIBUTES,
                        field(
                                "{0} || jsonb_build_object('opted_out_via', {1}::text)",
                                JSONB.class, Contacts.ATTRIBUTES, DSL.val(source)))
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(contactId), Contacts.OPTED_OUT.isFalse())
                .execute();
        if (changed == 1) events.publishEvent(new ContactUpdated(orgId, contactId));
        return changed == 1;
    }
}
