package io.switchboard.identity.internal;

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

/** The identity module's tables, declared once so queries read like the SQL in V2__identity.sql. */
final class IdentityTables {

    private IdentityTables() {}

    static final class Organizations {
        static final Table<?> T = table(name("organizations"));
        static final Field<UUID> ID = field(name("organizations", "id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("organizations", "name"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("organizations", "created_at"), SQLDataType.INSTANT);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL = List.of(ID, NAME, CREATED_AT);
    }

    static final class Users {
        static final Table<?> T = table(name("users"));
        static final Field<UUID> ID = field(name("users", "id"), SQLDataType.UUID);
        static final Field<String> EMAIL = field(name("users", "email"), SQLDataType.CLOB);
        static final Field<String> NAME = field(name("users", "name"), SQLDataType.CLOB);
        static final Field<String> PHONE = field(name("users", "phone"), SQLDataType.CLOB);
        static final Field<String> PASSWORD_HASH = field(name("users", "password_hash"), SQLDataType.CLOB);
        static final Field<String> PLATFORM_ROLE = field(name("users", "platform_role"), SQLDataType.CLOB);
        static final Field<byte[]> TOTP_SECRET = field(name("users", "totp_secret"), SQLDataType.BLOB);
        static final Field<Boolean> TOTP_ENABLED = field(name("users", "totp_enabled"), SQLDataType.BOOLEAN);
        static final Field<Instant> CREATED_AT = field(name("users", "created_at"), SQLDataType.INSTANT);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL =
                List.of(ID, EMAIL, NAME, PHONE, PASSWORD_HASH, PLATFORM_ROLE, TOTP_SECRET, TOTP_ENABLED, CREATED_AT);
    }

    static final class Memberships {
        static final Table<?> T = table(name("memberships"));
        static final Field<UUID> ORG_ID = field(name("memberships", "org_id"), SQLDataType.UUID);
        static final Field<UUID> USER_ID = field(name("memberships", "user_id"), SQLDataType.UUID);
        static final Field<String> ROLE = field(name("memberships", "role"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("memberships", "created_at"), SQLDataType.INSTANT);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL = List.of(ORG_ID, USER_ID, ROLE, CREATED_AT);
    }

    static final class Invitations {
        static final Table<?> T = table(name("invitations"));
        static final Field<UUID> ID = field(name("invitations", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("invitations", "org_id"), SQLDataType.UUID);
        static final Field<String> EMAIL = field(name("invitations", "email"), SQLDataType.CLOB);
        static final Field<String> ROLE = field(name("invitations", "role"), SQLDataType.CLOB);
        static final Field<String> TOKEN_HASH = field(name("invitations", "token_hash"), SQLDataType.CLOB);
        static final Field<UUID> INVITED_BY = field(name("invitations", "invited_by"), SQLDataType.UUID);
        static final Field<Instant> CREATED_AT = field(name("invitations", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> EXPIRES_AT = field(name("invitations", "expires_at"), SQLDataType.INSTANT);
        static final Field<Instant> ACCEPTED_AT = field(name("invitations", "accepted_at"), SQLDataType.INSTANT);
        static final Field<Instant> REVOKED_AT = field(name("invitations", "revoked_at"), SQLDataType.INSTANT);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL = List.of(
                ID, ORG_ID, EMAIL, ROLE, TOKEN_HASH, INVITED_BY, CREATED_AT, EXPIRES_AT, ACCEPTED_AT, REVOKED_AT);
    }

    static final class ApiKeys {
        static final Table<?> T = table(name("api_keys"));
        static final Field<UUID> ID = field(name("api_keys", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("api_keys", "org_id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("api_keys", "name"), SQLDataType.CLOB);
        static final Field<String> PREFIX = field(name("api_keys", "prefix"), SQLDataType.CLOB);
        static final Field<String> KEY_HASH = field(name("api_keys", "key_hash"), SQLDataType.CLOB);
        static final Field<String[]> SCOPES = field(name("api_keys", "scopes"), SQLDataType.CLOB.array());
        static final Field<UUID> CREATED_BY = field(name("api_keys", "created_by"), SQLDataType.UUID);
        static final Field<Instant> CREATED_AT = field(name("api_keys", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> LAST_USED_AT = field(name("api_keys", "last_used_at"), SQLDataType.INSTANT);
        static final Field<Instant> REVOKED_AT = field(name("api_keys", "revoked_at"), SQLDataType.INSTANT);
        /** MCP tools the key is limited to; null = all its scopes allow. */
        static final Field<String[]> TOOLS = field(name("api_keys", "tools"), SQLDataType.CLOB.array());
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL = List.of(
                ID, ORG_ID, NAME, PREFIX, KEY_HASH, SCOPES, CREATED_BY, CREATED_AT, LAST_USED_AT, REVOKED_AT, TOOLS);
    }

    static final class RefreshTokens {
        static final Table<?> T = table(name("refresh_tokens"));
        static final Field<UUID> ID = field(name("refresh_tokens", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("refresh_tokens", "org_id"), SQLDataType.UUID);
        static final Field<UUID> USER_ID = field(name("refresh_tokens", "user_id"), SQLDataType.UUID);
        static final Field<UUID> FAMILY_ID = field(name("refresh_tokens", "family_id"), SQLDataType.UUID);
        static final Field<String> TOKEN_HASH = field(name("refresh_tokens", "token_hash"), SQLDataType.CLOB);
        static final Field<Instant> EXPIRES_AT = field(name("refresh_tokens", "expires_at"), SQLDataType.INSTANT);
        static final Field<Instant> USED_AT = field(name("refresh_tokens", "used_at"), SQLDataType.INSTANT);
        static final Field<Instant> REVOKED_AT = field(name("refresh_tokens", "revoked_at"), SQLDataType.INSTANT);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL =
                List.of(ID, ORG_ID, USER_ID, FAMILY_ID, TOKEN_HASH, EXPIRES_AT, USED_AT, REVOKED_AT);
    }

    static final class OtpCodes {
        static final Table<?> T = table(name("otp_codes"));
        static final Field<UUID> ID = field(name("otp_codes", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("otp_codes", "org_id"), SQLDataType.UUID);
        static final Field<String> PURPOSE = field(name("otp_codes", "purpose"), SQLDataType.CLOB);
        static final Field<String> PHONE = field(name("otp_codes", "phone"), SQLDataType.CLOB);
        static final Field<String> CODE_HASH = field(name("otp_codes", "code_hash"), SQLDataType.CLOB);
        static final Field<Integer> ATTEMPTS = field(name("otp_codes", "attempts"), SQLDataType.INTEGER);
        static final Field<Instant> CREATED_AT = field(name("otp_codes", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> EXPIRES_AT = field(name("otp_codes", "expires_at"), SQLDataType.INSTANT);
        static final Field<Instant> CONSUMED_AT = field(name("otp_codes", "consumed_at"), SQLDataType.INSTANT);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL =
                List.of(ID, ORG_ID, PURPOSE, PHONE, CODE_HASH, ATTEMPTS, CREATED_AT, EXPIRES_AT, CONSUMED_AT);
    }

    static final class PasswordResetTokens {
        static final Table<?> T = table(name("password_reset_tokens"));
        static final Field<UUID> ID = field(name("password_reset_tokens", "id"), SQLDataType.UUID);
        static final Field<UUID> USER_ID = field(name("password_reset_tokens", "user_id"), SQLDataType.UUID);
        static final Field<String> TOKEN_HASH = field(name("password_reset_tokens", "token_hash"), SQLDataType.CLOB);
        static final Field<Instant> EXPIRES_AT =
                field(name("password_reset_tokens", "expires_at"), SQLDataType.INSTANT);
        static final Field<Instant> USED_AT = field(name("password_reset_tokens", "used_at"), SQLDataType.INSTANT);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL = List.of(ID, USER_ID, TOKEN_HASH, EXPIRES_AT, USED_AT);
    }

    static final class AuditEvents {
        static final Table<?> T = table(name("audit_events"));
        static final Field<Long> ID = field(name("audit_events", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("audit_events", "org_id"), SQLDataType.UUID);
        static final Field<String> ACTION = field(name("audit_events", "action"), SQLDataType.CLOB);
        static final Field<String> ACTOR_TYPE = field(name("audit_events", "actor_type"), SQLDataType.CLOB);
        static final Field<UUID> ACTOR_ID = field(name("audit_events", "actor_id"), SQLDataType.UUID);
        static final Field<String> ACTOR_LABEL = field(name("audit_events", "actor_label"), SQLDataType.CLOB);
        static final Field<String> TARGET_TYPE = field(name("audit_events", "target_type"), SQLDataType.CLOB);
        static final Field<String> TARGET_ID = field(name("audit_events", "target_id"), SQLDataType.CLOB);
        static final Field<String> IP = field(name("audit_events", "ip"), SQLDataType.CLOB);
        static final Field<String> USER_AGENT = field(name("audit_events", "user_agent"), SQLDataType.CLOB);
        static final Field<JSONB> DETAILS = field(name("audit_events", "details"), SQLDataType.JSONB);
        static final Field<Instant> OCCURRED_AT = field(name("audit_events", "occurred_at"), SQLDataType.INSTANT);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                ACTION,
                ACTOR_TYPE,
                ACTOR_ID,
                ACTOR_LABEL,
                TARGET_TYPE,
                TARGET_ID,
                IP,
                USER_AGENT,
                DETAILS,
                OCCURRED_AT);
    }

    static final class OutboundEmails {
        static final Table<?> T = table(name("outbound_emails"));
        static final Field<UUID> ID = field(name("outbound_emails", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("outbound_emails", "org_id"), SQLDataType.UUID);
        static final Field<String> TO = field(name("outbound_emails", "to_address"), SQLDataType.CLOB);
        static final Field<String> SUBJECT = field(name("outbound_emails", "subject"), SQLDataType.CLOB);
        static final Field<String> BODY = field(name("outbound_emails", "body"), SQLDataType.CLOB);
        static final Field<String> TRANSPORT = field(name("outbound_emails", "transport"), SQLDataType.CLOB);
        static final Field<String> STATUS = field(name("outbound_emails", "status"), SQLDataType.CLOB);
        static final Field<String> ERROR = field(name("outbound_emails", "error"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("outbound_emails", "created_at"), SQLDataType.INSTANT);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL = List.of(ID, ORG_ID, TO, SUBJECT, BODY, TRANSPORT, STATUS, ERROR, CREATED_AT);
    }

    static final class PlatformSecrets {
        static final Table<?> T = table(name("platform_secrets"));
        static final Field<String> NAME = field(name("platform_secrets", "name"), SQLDataType.CLOB);
        static final Field<byte[]> CIPHERTEXT = field(name("platform_secrets", "ciphertext"), SQLDataType.BLOB);
        /** Every column, for {@code select(ALL).from(T)} with typed values. */
        static final List<Field<?>> ALL = List.of(NAME, CIPHERTEXT);
    }
}
