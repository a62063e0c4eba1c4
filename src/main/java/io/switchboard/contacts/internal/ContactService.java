package io.switchboard.contacts.internal;

import static io.switchboard.contacts.internal.ContactTables.Contacts;
import static io.switchboard.contacts.internal.ContactTables.Identities;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.contacts.ContactRef;
import io.switchboard.contacts.ContactsMerged;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.PhoneNumbers;
import io.switchboard.shared.db.Pages;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Contacts of an organisation and their channel identities. */
@Service
class ContactService implements ContactDirectory {

    /** The original sales prototype served Indian numbers first; used when a number has no country prefix. */
    static final String DEFAULT_REGION = "IN";

    private final DSLContext db;
    private final JsonMapper json;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ContactService(DSLContext db, JsonMapper json, AuditLog audit, ApplicationEventPublisher events) {
        this.db = db;
        this.json = json;
        this.audit = audit;
        this.events = events;
    }

    record ContactView(
            UUID id,
            @Nullable String name,
            @Nullable String phone,
            @Nullable String email,
            @Nullable String countryCode,
            List<String> tags,
            Map<String, Object> attributes,
            boolean optedOut,
            @Nullable Instant optedOutAt,
            String consent,
            @Nullable String notes,
            Instant createdAt,
            Instant updatedAt) {}

    /** Create or change a contact; on PATCH only the fields present change. */
    record ContactInput(
            @Nullable @Size(max = 200) String name,

            @Nullable @Size(max = 40) @Schema(description = "E.164, or national format with countryCode (default IN)")
            String phone,

            @Nullable @Email @Size(max = 254) String email,

            @Nullable @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166 two-letter country code")
            String countryCode,

            @Nullable @Size(max = 50) List<@Size(max = 64) String> tags,
            @Nullable Map<String, Object> attributes,
            @Nullable Boolean optedOut,

            @Nullable @Pattern(regexp = "unknown|granted|revoked", message = "must be one of unknown, granted, revoked")
            String consent,

            @Nullable @Size(max = 5000) String notes) {}

    /** Parses a phone number to E.164; a number without + uses the contact's country (default IN). */
    static String normalizePhone(String field, String raw, @Nullable String countryCode) {
        return PhoneNumbers.inRegion(field, raw, countryCode, DEFAULT_REGION);
    }

    @Override
    @Transactional
    public ContactRef resolveByIdentity(
            UUID orgId, UUID channelId, String externalId, @Nullable String displayName, @Nullable String phoneE164) {
        var known = db.select(Identities.CONTACT_ID)
                .from(Identities.T)
                .where(
                        Identities.ORG_ID.eq(orgId),
                        Identities.CHANNEL_ID.eq(channelId),
                        Identities.EXTERNAL_ID.eq(externalId))
                .fetchOptional(Identities.CONTACT_ID);
        if (known.isPresent()) {
            return find(orgId, known.get()).orElseThrow();
        }
        UUID contactId = phoneE164 == null
                ? null
                : db.select(Contacts.ID)
                        .from(Contacts.T)
                        .where(Contacts.ORG_ID.eq(orgId), Contacts.PHONE.eq(phoneE164), Contacts.MERGED_INTO.isNull())
                        .fetchOptional(Contacts.ID)
                        .orElse(null);
        if (contactId == null) {
            contactId = UUID.randomUUID();
            int inserted = db.insertInto(Contacts.T)
                    .set(Contacts.ID, contactId)
                    .set(Contacts.ORG_ID, orgId)
                    .set(Contacts.NAME, displayName)
                    .set(Contacts.PHONE, phoneE164)
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 1)
                events.publishEvent(new io.switchboard.contacts.ContactCreated(orgId, contactId, "channel"));
            if (inserted == 0) { // another worker created the same phone a moment ago
                contactId = db.select(Contacts.ID)
                        .from(Contacts.T)
                        .where(Contacts.ORG_ID.eq(orgId), Contacts.PHONE.eq(phoneE164), Contacts.MERGED_INTO.isNull())
                        .fetchSingle(Contacts.ID);
            }
        }
        db.insertInto(Identities.T)
                .set(Identities.ORG_ID, orgId)
                .set(Identities.CHANNEL_ID, channelId)
                .set(Identities.EXTERNAL_ID, externalId)
                .set(Identities.CONTACT_ID, contactId)
                .onConflictDoNothing()
                .execute();
        UUID resolved = db.select(Identities.CONTACT_ID)
                .from(Identities.T)
                .where(
                        Identities.ORG_ID.eq(orgId),
                        Identities.CHANNEL_ID.eq(channelId),
                        Identities.EXTERNAL_ID.eq(externalId))
                .fetchSingle(Identities.CONTACT_ID);
        return find(orgId, resolved).orElseThrow();
    }

    @Override
    public Optional<ContactRef> find(UUID orgId, UUID contactId) {
        return db.select(Contacts.ID, Contacts.NAME, Contacts.PHONE, Contacts.OPTED_OUT)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(contactId))
                .fetchOptional(r -> new ContactRef(r.value1(), orgId, r.value2(), r.value3(), r.value4()));
    }

    @Override
    public Optional<ContactProfile> profile(UUID orgId, UUID contactId) {
        return db.select(Contacts.ID, Contacts.NAME, Contacts.PHONE, Contacts.TAGS, Contacts.ATTRIBUTES)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(contactId))
                .fetchOptional(r -> new ContactProfile(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4() == null ? List.of() : List.of(r.value4()),
                        r.value5() == null
                                ? Map.of()
                                : json.readValue(r.value5().data(), new TypeReference<Map<String, Object>>() {})));
    }

    @Override
    public void updateTagsAndAttributes(
            UUID orgId, UUID contactId, List<String> addTags, List<String> removeTags, Map<String, String> attributes) {
        var current = profile(orgId, contactId).orElse(null);
        if (current == null) return;
        LinkedHashSet<String> tags = new LinkedHashSet<>(current.tags());
        addTags.stream()
                .map(String::trim)
                .filter(t -> !t.isEmpty() && t.length() <= 64)
                .forEach(tags::add);
        removeTags.forEach(tags::remove);
        Map<String, Object> merged = new java.util.LinkedHashMap<>(current.attributes());
        attributes.forEach((k, v) -> {
            if (!k.isBlank() && k.length() <= 64) merged.put(k, v.length() > 1000 ? v.substring(0, 1000) : v);
        });
        db.update(Contacts.T)
                .set(Contacts.TAGS, tags.toArray(String[]::new))
                .set(Contacts.ATTRIBUTES, JSONB.valueOf(json.writeValueAsString(merged)))
                .set(Contacts.UPDATED_AT, Instant.now())
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(contactId))
                .execute();
        events.publishEvent(new io.switchboard.contacts.ContactUpdated(orgId, contactId));
    }

    @Override
    public Optional<ContactRef> findByPhone(UUID orgId, String phoneE164) {
        return db.select(Contacts.ID, Contacts.NAME, Contacts.PHONE, Contacts.OPTED_OUT)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.PHONE.eq(phoneE164), Contacts.MERGED_INTO.isNull())
                .orderBy(Contacts.CREATED_AT)
                .limit(1)
                .fetchOptional(r -> new ContactRef(r.value1(), orgId, r.value2(), r.value3(), r.value4()));
    }

    @Override
    public Optional<UUID> findByIdentity(UUID orgId, UUID channelId, String externalId) {
        return db.select(Identities.CONTACT_ID)
                .from(Identities.T)
                .where(
                        Identities.ORG_ID.eq(orgId),
                        Identities.CHANNEL_ID.eq(channelId),
                        Identities.EXTERNAL_ID.eq(externalId))
                .fetchOptional(Identities.CONTACT_ID);
    }

    @Override
    public Optional<String> identityOn(UUID orgId, UUID contactId, UUID channelId) {
        return db.select(Identities.EXTERNAL_ID)
                .from(Identities.T)
                .where(
                        Identities.ORG_ID.eq(orgId),
                        Identities.CONTACT_ID.eq(contactId),
                        Identities.CHANNEL_ID.eq(channelId))
                .limit(1)
                .fetchOptional(Identities.EXTERNAL_ID);
    }

    PageResponse<ContactView> list(PageQuery page, @Nullable String query, @Nullable String tag) {
        UUID orgId = CurrentPrincipal.get().orgId();
        List<Condition> where = new ArrayList<>();
        where.add(Contacts.ORG_ID.eq(orgId));
        where.add(Contacts.MERGED_INTO.isNull());
        if (query != null && !query.isBlank()) {
            String like = "%" + query.trim().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%";
            where.add(DSL.lower(Contacts.NAME)
                    .like(like)
                    .or(Contacts.PHONE.like(like))
                    .or(DSL.lower(Contacts.EMAIL).like(like)));
        }
        if (tag != null && !tag.isBlank()) {
            where.add(DSL.condition("{0} @> {1}", Contacts.TAGS, DSL.val(new String[] {tag.trim()}, Contacts.TAGS)));
        }
        return Pages.fetch(
                db,
                page,
                db.select(Contacts.ALL).from(Contacts.T).where(where).orderBy(Contacts.CREATED_AT.desc(), Contacts.ID),
                this::toView);
    }

    ContactView get(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return db.select(Contacts.ALL)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(id))
                .fetchOptional(this::toView)
                .orElseThrow(() -> ApiProblem.notFound("Contact " + id));
    }

    @Transactional
    ContactView create(ContactInput input) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        UUID id = UUID.randomUUID();
        String phone = input.phone() == null || input.phone().isBlank()
                ? null
                : normalizePhone("phone", input.phone(), input.countryCode());
        requirePhoneFree(principal.orgId(), phone, null);
        db.insertInto(Contacts.T)
                .set(Contacts.ID, id)
                .set(Contacts.ORG_ID, principal.orgId())
                .set(Contacts.NAME, input.name())
                .set(Contacts.PHONE, phone)
                .set(Contacts.EMAIL, input.email())
                .set(
                        Contacts.COUNTRY_CODE,
                        input.countryCode() == null ? null : input.countryCode().toUpperCase())
                .set(Contacts.TAGS, tags(input.tags()))
                .set(
                        Contacts.ATTRIBUTES,
                        JSONB.valueOf(
                                json.writeValueAsString(input.attributes() == null ? Map.of() : input.attributes())))
                .set(Contacts.OPTED_OUT, Boolean.TRUE.equals(input.optedOut()))
                .set(Contacts.OPTED_OUT_AT, Boolean.TRUE.equals(input.optedOut()) ? Instant.now() : null)
                .set(Contacts.CONSENT, input.consent() == null ? "unknown" : input.consent())
                .set(Contacts.NOTES, input.notes())
                .execute();
        audit.record("contact.created", "contact", id.toString(), Map.of());
        events.publishEvent(new io.switchboard.contacts.ContactCreated(principal.orgId(), id, "api"));
        return get(id);
    }

    @Transactional
    ContactView update(UUID id, ContactInput input) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        ContactView current = get(id);
        String country = input.countryCode() != null ? input.countryCode().toUpperCase() : current.countryCode();
        var update = db.update(Contacts.T).set(Contacts.UPDATED_AT, Instant.now());
        if (input.name() != null) update = update.set(Contacts.NAME, input.name());
        if (input.phone() != null) {
            String phone = input.phone().isBlank() ? null : normalizePhone("phone", input.phone(), country);
            requirePhoneFree(principal.orgId(), phone, id);
            update = update.set(Contacts.PHONE, phone);
        }
        if (input.email() != null)
            update = update.set(Contacts.EMAIL, input.email().isBlank() ? null : input.email());
        if (input.countryCode() != null) update = update.set(Contacts.COUNTRY_CODE, country);
        if (input.tags() != null) update = update.set(Contacts.TAGS, tags(input.tags()));
        if (input.attributes() != null)
            update = update.set(Contacts.ATTRIBUTES, JSONB.valueOf(json.writeValueAsString(input.attributes())));
        if (input.optedOut() != null && input.optedOut() != current.optedOut()) {
            update = update.set(Contacts.OPTED_OUT, input.optedOut())
                    .set(Contacts.OPTED_OUT_AT, input.optedOut() ? Instant.now() : null);
        }
        if (input.consent() != null) update = update.set(Contacts.CONSENT, input.consent());
        if (input.notes() != null) update = update.set(Contacts.NOTES, input.notes());
        update.where(Contacts.ORG_ID.eq(principal.orgId()), Contacts.ID.eq(id)).execute();
        events.publishEvent(new io.switchboard.contacts.ContactUpdated(principal.orgId(), id));
        return get(id);
    }

    /** Folds {@code otherId} into {@code survivorId}: gaps filled, tags and identities combined, history moved. */
    @Transactional
    ContactView merge(UUID survivorId, UUID otherId) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        if (survivorId.equals(otherId)) {
            throw ApiProblem.invalidField("contactId", "must be another contact");
        }
        ContactView survivor = get(survivorId);
        ContactView other = get(otherId);
        UUID orgId = principal.orgId();
        // retire the other first: the phone uniqueness index only covers contacts that are not merged
        db.update(Contacts.T)
                .set(Contacts.MERGED_INTO, survivorId)
                .set(Contacts.UPDATED_AT, Instant.now())
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(otherId))
                .execute();
        var attributes = new java.util.LinkedHashMap<String, Object>(other.attributes());
        attributes.putAll(survivor.attributes());
        var tags = new LinkedHashSet<String>(survivor.tags());
        tags.addAll(other.tags());
        db.update(Contacts.T)
                .set(Contacts.NAME, survivor.name() != null ? survivor.name() : other.name())
                .set(Contacts.PHONE, survivor.phone() != null ? survivor.phone() : other.phone())
                .set(Contacts.EMAIL, survivor.email() != null ? survivor.email() : other.email())
                .set(
                        Contacts.COUNTRY_CODE,
                        survivor.countryCode() != null ? survivor.countryCode() : other.countryCode())
                .set(Contacts.TAGS, tags.toArray(String[]::new))
                .set(Contacts.ATTRIBUTES, JSONB.valueOf(json.writeValueAsString(attributes)))
                .set(Contacts.OPTED_OUT, survivor.optedOut() || other.optedOut())
                .set(Contacts.UPDATED_AT, Instant.now())
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(survivorId))
                .execute();
        db.update(Identities.T)
                .set(Identities.CONTACT_ID, survivorId)
                .where(Identities.ORG_ID.eq(orgId), Identities.CONTACT_ID.eq(otherId))
                .execute();
        events.publishEvent(new ContactsMerged(orgId, survivorId, otherId));
        audit.record("contact.merged", "contact", survivorId.toString(), Map.of("merged", otherId.toString()));
        return get(survivorId);
    }

    @Transactional
    void delete(UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        int deleted = db.deleteFrom(Contacts.T)
                .where(Contacts.ORG_ID.eq(principal.orgId()), Contacts.ID.eq(id))
                .execute();
        if (deleted == 0) {
            throw ApiProblem.notFound("Contact " + id);
        }
        audit.record("contact.deleted", "contact", id.toString(), Map.of());
    }

    private void requirePhoneFree(UUID orgId, @Nullable String phone, @Nullable UUID self) {
        if (phone == null) return;
        var clash = db.select(Contacts.ID)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.PHONE.eq(phone), Contacts.MERGED_INTO.isNull())
                .fetchOptional(Contacts.ID);
        if (clash.isPresent() && !clash.get().equals(self)) {
            throw ApiProblem.invalidField(
                    "phone", "belongs to another contact (" + clash.get() + "); merge them instead");
        }
    }

    private static String[] tags(@Nullable List<String> tags) {
        if (tags == null) return new String[0];
        return new LinkedHashSet<>(tags.stream()
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList())
                .toArray(String[]::new);
    }

    private ContactView toView(Record r) {
        return new ContactView(
                r.get(Contacts.ID),
                r.get(Contacts.NAME),
                r.get(Contacts.PHONE),
                r.get(Contacts.EMAIL),
                r.get(Contacts.COUNTRY_CODE),
                Arrays.asList(r.get(Contacts.TAGS)),
                json.readValue(r.get(Contacts.ATTRIBUTES).data(), new TypeReference<Map<String, Object>>() {}),
                r.get(Contacts.OPTED_OUT),
                r.get(Contacts.OPTED_OUT_AT),
                r.get(Contacts.CONSENT),
                r.get(Contacts.NOTES),
                r.get(Contacts.CREATED_AT),
                r.get(Contacts.UPDATED_AT));
    }
}
