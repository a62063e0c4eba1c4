package io.switchboard.contacts.internal;

import static io.switchboard.contacts.internal.ContactTables.Contacts;
import static io.switchboard.contacts.internal.ContactTables.Identities;

import io.switchboard.contacts.PersonalDataHolder;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipOutputStream;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * GDPR for one contact: the export of everything held on them (a ZIP of JSON and files, streamed) and
 * the erasure of it everywhere. Modules holding personal data take part through {@link
 * PersonalDataHolder}; this class owns the contact record itself and the audit trail.
 */
@Service
class ContactPrivacy {

    static final int EXPORT_FORMAT_VERSION = 1;
    /** Folders this class writes itself; holders may not take them. */
    private static final Set<String> OWN_PARTS = Set.of("contact", "audit");

    private final DSLContext db;
    private final JsonMapper json;
    private final AuditLog audit;
    private final List<PersonalDataHolder> holders;

    ContactPrivacy(DSLContext db, JsonMapper json, AuditLog audit, List<PersonalDataHolder> holders) {
        this.db = db;
        this.json = json;
        this.audit = audit;
        this.holders = holders.stream()
                .sorted(java.util.Comparator.comparingInt(PersonalDataHolder::phase)
                        .thenComparing(PersonalDataHolder::name))
                .toList();
        for (PersonalDataHolder h : this.holders) {
            if (OWN_PARTS.contains(h.name()) || !h.name().matches("[a-z][a-z0-9-]{0,30}")) {
                throw new IllegalStateException("personal data holder needs another name: " + h.name());
            }
        }
    }

    record ErasureReport(
            UUID contactId,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "what went, per module and kind (e.g. conversations.messages); no content")
            Map<String, Long> erased,

            Instant erasedAt) {}

    /** The file name of a contact's export; 404 (before anything is streamed) unless it is ours. */
    String prepareExport(UUID contactId) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        requireContact(principal.orgId(), contactId);
        audit.record(
                "contact.exported",
                "contact",
                contactId.toString(),
                Map.of("parts", holders.stream().map(PersonalDataHolder::name).toList()));
        return "contact-" + contactId + ".zip";
    }

    /** Streams the archive; the caller checked access with {@link #prepareExport}. */
    void export(UUID contactId, OutputStream out) throws IOException {
        UUID orgId = CurrentPrincipal.get().orgId();
        List<UUID> ids = withMerged(orgId, contactId);
        try (var zip = new ZipOutputStream(out)) {
            var archive = new ZipContactExport(zip, json);
            var parts = new ArrayList<String>(List.of("contact", "audit"));
            holders.forEach(h -> parts.add(h.name()));
            archive.part("export")
                    .json(
                            "manifest.json",
                            Map.of(
                                    "format", "switchboard-contact-export",
                                    "version", EXPORT_FORMAT_VERSION,
                                    "contactId", contactId,
                                    "organizationId", orgId,
                                    "exportedAt", Instant.now(),
                                    "parts", parts,
                                    "mergedContactIds", ids.subList(1, ids.size())));
            var contact = archive.part("contact");
            contact.json("contact.json", contactRecord(orgId, contactId));
            contact.json(
                    "merged-contacts.json",
                    ids.subList(1, ids.size()).stream()
                            .map(id -> contactRecord(orgId, id))
                            .toList());
            contact.json("identities.json", identities(orgId, ids));
            var auditPart = archive.part("audit");
            var entries = new ArrayList<AuditLog.Entry>();
            for (UUID id : ids) entries.addAll(audit.about(orgId, "contact", id.toString()));
            auditPart.json("events.json", entries);
            for (PersonalDataHolder holder : holders) {
                var part = archive.part(holder.name());
                for (UUID id : ids) {
                    holder.export(orgId, id, part);
                }
            }
            zip.finish();
        }
    }

    /**
     * Erases the contact (and contacts merged into it) everywhere, then the contact record itself.
     * One transaction: a failing module leaves everything in place. The audit record keeps counts only.
     */
    @Transactional
    ErasureReport erase(UUID contactId) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        UUID orgId = principal.orgId();
        requireContact(orgId, contactId);
        List<UUID> ids = withMerged(orgId, contactId);
        for (PersonalDataHolder holder : holders) {
            for (UUID id : ids) {
                holder.erasureBlocked(orgId, id).ifPresent(reason -> {
                    throw ApiProblem.conflict("erasure-blocked", reason);
                });
            }
        }
        // lock the contact rows: a message arriving for this contact now waits, then finds no contact
        db.select(Contacts.ID)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.in(ids))
                .forUpdate()
                .execute();
        var counts = new TreeMap<String, Long>();
        for (PersonalDataHolder holder : holders) {
            for (UUID id : ids) {
                holder.erase(orgId, id).forEach((kind, n) -> counts.merge(holder.name() + "." + kind, n, Long::sum));
            }
        }
        long identities = db.deleteFrom(Identities.T)
                .where(Identities.ORG_ID.eq(orgId), Identities.CONTACT_ID.in(ids))
                .execute();
        // contacts merged into this one point at it: the newest merges first, the contact last
        for (UUID id : ids.reversed()) {
            db.deleteFrom(Contacts.T)
                    .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(id))
                    .execute();
        }
        counts.put("contact.identities", identities);
        counts.put("contact.records", (long) ids.size());
        audit.record("contact.erased", "contact", contactId.toString(), counts);
        return new ErasureReport(contactId, counts, Instant.now());
    }

    private void requireContact(UUID orgId, UUID contactId) {
        if (!db.fetchExists(Contacts.T, Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(contactId))) {
            throw ApiProblem.notFound("Contact " + contactId);
        }
    }

    /** The contact first, then every contact merged into it (directly or through another merge). */
    private List<UUID> withMerged(UUID orgId, UUID contactId) {
        var ids = new ArrayList<UUID>(List.of(contactId));
        for (int i = 0; i < ids.size(); i++) {
            ids.addAll(db.select(Contacts.ID)
                    .from(Contacts.T)
                    .where(Contacts.ORG_ID.eq(orgId), Contacts.MERGED_INTO.eq(ids.get(i)))
                    .orderBy(Contacts.CREATED_AT, Contacts.ID)
                    .fetch(Contacts.ID));
        }
        return ids;
    }

    private @Nullable Map<String, Object> contactRecord(UUID orgId, UUID id) {
        return db.select(Contacts.ALL)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.ID.eq(id))
                .fetchOptional(r -> {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("id", r.get(Contacts.ID));
                    m.put("name", r.get(Contacts.NAME));
                    m.put("phone", r.get(Contacts.PHONE));
                    m.put("email", r.get(Contacts.EMAIL));
                    m.put("countryCode", r.get(Contacts.COUNTRY_CODE));
                    m.put("tags", List.of(r.get(Contacts.TAGS)));
                    m.put(
                            "attributes",
                            json.readValue(
                                    r.get(Contacts.ATTRIBUTES).data(), new TypeReference<Map<String, Object>>() {}));
                    m.put("optedOut", r.get(Contacts.OPTED_OUT));
                    m.put("optedOutAt", r.get(Contacts.OPTED_OUT_AT));
                    m.put("consent", r.get(Contacts.CONSENT));
                    m.put("notes", r.get(Contacts.NOTES));
                    m.put("mergedInto", r.get(Contacts.MERGED_INTO));
                    m.put("createdAt", r.get(Contacts.CREATED_AT));
                    m.put("updatedAt", r.get(Contacts.UPDATED_AT));
                    return (Map<String, Object>) m;
                })
                .orElse(null);
    }

    private List<Map<String, Object>> identities(UUID orgId, List<UUID> ids) {
        return db.select(Identities.CONTACT_ID, Identities.CHANNEL_ID, Identities.EXTERNAL_ID, Identities.CREATED_AT)
                .from(Identities.T)
                .where(Identities.ORG_ID.eq(orgId), Identities.CONTACT_ID.in(ids))
                .orderBy(Identities.CREATED_AT)
                .fetch(r -> Map.<String, Object>of(
                        "contactId", r.value1(),
                        "channelId", r.value2(),
                        "externalId", r.value3(),
                        "createdAt", r.value4()));
    }
}
