package io.switchboard.contacts.internal;

import io.switchboard.shared.web.CsvDownload;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contact list as CSV, streamed from a database cursor. The first columns are the ones the CSV
 * import reads (tags separated by ;), so an export can be edited and imported again.
 */
@Component
class ContactCsvExport {

    static final List<String> HEADER = List.of(
            "name",
            "phone",
            "email",
            "country_code",
            "tags",
            "opted_out",
            "contact_id",
            "consent",
            "created_at",
            "attributes_json");

    private final DSLContext db;

    ContactCsvExport(DSLContext db) {
        this.db = db;
    }

    @Transactional(readOnly = true)
    void write(UUID orgId, @Nullable String tag, CsvDownload.Rows rows) {
        CsvDownload.stream(db.resultQuery("""
                        select name, phone, email, country_code, array_to_string(tags, ';'), opted_out, id, consent,
                               created_at, attributes::text
                          from contacts
                         where org_id = ?::uuid and merged_into is null and (?::text is null or ?::text = any (tags))
                         order by created_at, id
                        """, orgId, tag, tag), rows);
    }
}
