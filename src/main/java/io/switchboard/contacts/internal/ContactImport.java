package io.switchboard.contacts.internal;

import static io.switchboard.contacts.internal.ContactTables.Contacts;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV import: known columns (name, phone, email, country_code, tags separated by ;, opted_out) map
 * to fields, any other column becomes a custom attribute. Rows are matched on phone and updated, or
 * created. Bad rows are reported by row number and field; good rows are imported regardless.
 */
@Service
class ContactImport {

    static final int MAX_ROWS = 50_000;
    private static final Set<String> KNOWN = Set.of("name", "phone", "email", "country_code", "tags", "opted_out");

    private final DSLContext db;
    private final JsonMapper json;
    private final AuditLog audit;

    ContactImport(DSLContext db, JsonMapper json, AuditLog audit) {
        this.db = db;
        this.json = json;
        this.audit = audit;
    }

    record RowProblem(long row, String field, String message) {}

    record ImportReport(int rows, int created, int updated, int failed, List<RowProblem> problems) {}

    @Transactional
    ImportReport importCsv(InputStream csv) {
        UUID orgId = CurrentPrincipal.get().require(Role.AGENT).orgId();
        int created = 0;
        int updated = 0;
        int rows = 0;
        List<RowProblem> problems = new ArrayList<>();
        try (Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .get()
                    .parse(reader);
            List<String> headers = parser.getHeaderNames().stream()
                    .map(h -> h.trim().toLowerCase(Locale.ROOT))
                    .toList();
            if (!headers.contains("phone") && !headers.contains("email")) {
                throw ApiProblem.invalidField("file", "needs a header row with at least a phone or an email column");
            }
            for (CSVRecord record : parser) {
                rows++;
                if (rows > MAX_ROWS) {
                    throw ApiProblem.invalidField("file", "has more than " + MAX_ROWS + " rows; split it");
                }
                long line = record.getRecordNumber() + 1; // +1: the header is line 1
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < headers.size() && i < record.size(); i++) {
                    values.put(headers.get(i), record.get(i));
                }
                try {
                    if (upsert(orgId, values)) created++;
                    else updated++;
                } catch (ApiProblem problem) {
                    var errors = problem.properties().get("errors");
                    String field =
                            errors instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> m
                                    ? String.valueOf(m.get("field"))
                                    : "row";
                    problems.add(new RowProblem(line, field, problem.getMessage()));
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
            throw ApiProblem.invalidField("file", "is not readable CSV: " + e.getMessage());
        }
        audit.record(
                "contact.imported",
                "contact",
                null,
                Map.of("rows", rows, "created", created, "updated", updated, "failed", problems.size()));
        return new ImportReport(
                rows, created, updated, problems.size(), problems.size() > 200 ? problems.subList(0, 200) : problems);
    }

    /** True when a contact was created, false when an existing one (same phone or email) was updated. */
    private boolean upsert(UUID orgId, Map<String, String> values) {
        String country = blankToNull(values.get("country_code"));
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            throw ApiProblem.invalidField("country_code", "must be an ISO 3166 two-letter country code");
        }
        String phone = blankToNull(values.get("phone")) == null
                ? null
                : ContactService.normalizePhone("phone", values.get("phone"), country);
        String email = blankToNull(values.get("email"));
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiProblem.invalidField("email", "is not an email address");
        }
        if (phone == null && email == null) {
            throw ApiProblem.invalidField("phone", "or email is required");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!KNOWN.contains(k) && !v.isBlank()) attributes.put(k, v);
        });
        String[] tags = values.get("tags") == null
                ? new String[0]
                : new LinkedHashSet<>(Arrays.stream(values.get("tags").split(";"))
                                .map(String::trim)
                                .filter(t -> !t.isEmpty())
                                .toList())
                        .toArray(String[]::new);
        boolean optedOut =
                "true".equalsIgnoreCase(values.get("opted_out")) || "yes".equalsIgnoreCase(values.get("opted_out"));
        var match = phone != null
                ? Contacts.PHONE.eq(phone)
                : org.jooq.impl.DSL.lower(Contacts.EMAIL).eq(email.toLowerCase(Locale.ROOT));
        var existing = db.select(Contacts.ID)
                .from(Contacts.T)
                .where(Contacts.ORG_ID.eq(orgId), Contacts.MERGED_INTO.isNull(), match)
                .limit(1)
                .fetchOptional(Contacts.ID);
        if (existing.isPresent()) {
            var update = db.update(Contacts.T).set(Contacts.UPDATED_AT, java.time.Instant.now());
            if (blankToNull(values.get("name")) != null) update = update.set(Contacts.NAME, values.get("name"));
            if (email != null) update = update.set(Contacts.EMAIL, email);
            if (country != null) update = update.set(Contacts.COUNTRY_CODE, country.toUpperCase(Locale.ROOT));
            if (tags.length > 0)
                update = update.set(
                        Contacts.TAGS,
                        org.jooq.impl.DSL.field(
                                "array(select distinct unnest({0} || {1}))",
                                String[].class, Contacts.TAGS, org.jooq.impl.DSL.val(tags)));
            if (!attributes.isEmpty())
                update = update.set(
                        Contacts.ATTRIBUTES,
                        org.jooq.impl.DSL.field(
                                "{0} || {1}",
                                JSONB.class, Contacts.ATTRIBUTES, JSONB.valueOf(json.writeValueAsString(attributes))));
            if (optedOut)
                update = update.set(Contacts.OPTED_OUT, true).set(Contacts.OPTED_OUT_AT, java.time.Instant.now());
            update.where(Contacts.ID.eq(existing.get())).execute();
            return false;
        }
        db.insertInto(Contacts.T)
                .set(Contacts.ID, UUID.randomUUID())
                .set(Contacts.ORG_ID, orgId)
                .set(Contacts.NAME, blankToNull(values.get("name")))
                .set(Contacts.PHONE, phone)
                .set(Contacts.EMAIL, email)
                .set(Contacts.COUNTRY_CODE, country == null ? null : country.toUpperCase(Locale.ROOT))
                .set(Contacts.TAGS, tags)
                .set(Contacts.ATTRIBUTES, JSONB.valueOf(json.writeValueAsString(attributes)))
                .set(Contacts.OPTED_OUT, optedOut)
                .set(Contacts.OPTED_OUT_AT, optedOut ? java.time.Instant.now() : null)
                .execute();
        return true;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
