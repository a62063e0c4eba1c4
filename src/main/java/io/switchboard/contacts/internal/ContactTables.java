package io.switchboard.contacts.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Tables of V3__contacts_and_conversations.sql owned by the contacts module. */
final class ContactTables {

    private ContactTables() {}

    static final class Contacts {
        static final Table<?> T = table(name("contacts"));
        static final Field<UUID> ID = field(name("contacts", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("contacts", "org_id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("contacts", "name"), SQLDataType.CLOB);
        static final Field<String> PHONE = field(name("contacts", "phone"), SQLDataType.CLOB);
        static final Field<String> EMAIL = field(name("contacts", "email"), SQLDataType.CLOB);
        static final Field<String> COUNTRY_CODE = field(name("contacts", "country_code"), SQLDataType.CLOB);
        static final Field<String[]> TAGS = field(name("contacts", "tags"), SQLDataType.CLOB.array());
        static final Field<JSONB> ATTRIBUTES = field(name("contacts", "attributes"), SQLDataType.JSONB);
        static final Field<Boolean> OPTED_OUT = field(name("contacts", "opted_out"), SQLDataType.BOOLEAN);
        static final Field<Instant> OPTED_OUT_AT = field(name("contacts", "opted_out_at"), SQLDataType.INSTANT);
        static final Field<String> CONSENT = field(name("contacts", "consent"), SQLDataType.CLOB);
        static final Field<String> NOTES = field(name("contacts", "notes"), SQLDataType.CLOB);
        static final Field<UUID> MERGED_INTO = field(name("contacts", "merged_into"), SQLDataType.UUID);
        static final Field<Instant> CREATED_AT = field(name("contacts", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("contacts", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                NAME,
                PHONE,
                EMAIL,
                COUNTRY_CODE,
                TAGS,
                ATTRIBUTES,
                OPTED_OUT,
                OPTED_OUT_AT,
                CONSENT,
                NOTES,
                MERGED_INTO,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class Identities {
        static final Table<?> T = table(name("contact_identities"));
        static final Field<UUID> ORG_ID = field(name("contact_identities", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CHANNEL_ID = field(name("contact_identities", "channel_id"), SQLDataType.UUID);
        static final Field<String> EXTERNAL_ID = field(name("contact_identities", "external_id"), SQLDataType.CLOB);
        static final Field<UUID> CONTACT_ID = field(name("contact_identities", "contact_id"), SQLDataType.UUID);
        static final Field<Instant> CREATED_AT = field(name("contact_identities", "created_at"), SQLDataType.INSTANT);
    }
}
