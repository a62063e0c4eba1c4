package io.switchboard.identity.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The OAuth authorization server's tables (V24__oauth.sql). */
final class OAuthTables {

    private OAuthTables() {}

    static final class Clients {
        static final Table<?> T = table(name("oauth_clients"));
        static final Field<String> CLIENT_ID = field(name("oauth_clients", "client_id"), SQLDataType.CLOB);
        static final Field<String> SECRET_HASH = field(name("oauth_clients", "client_secret_hash"), SQLDataType.CLOB);
        static final Field<String> NAME = field(name("oauth_clients", "client_name"), SQLDataType.CLOB);
        static final Field<String[]> REDIRECT_URIS =
                field(name("oauth_clients", "redirect_uris"), SQLDataType.CLOB.array());
        static final Field<String> AUTH_METHOD = field(name("oauth_clients", "auth_method"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("oauth_clients", "created_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(CLIENT_ID, SECRET_HASH, NAME, REDIRECT_URIS, AUTH_METHOD, CREATED_AT);
    }

    static final class PendingRequests {
        static final Table<?> T = table(name("oauth_pending_requests"));
        static final Field<String> HANDLE_HASH = field(name("oauth_pending_requests", "handle_hash"), SQLDataType.CLOB);
        static final Field<String> CLIENT_ID = field(name("oauth_pending_requests", "client_id"), SQLDataType.CLOB);
        static final Field<String> REDIRECT_URI =
                field(name("oauth_pending_requests", "redirect_uri"), SQLDataType.CLOB);
        static final Field<String> CODE_CHALLENGE =
                field(name("oauth_pending_requests", "code_challenge"), SQLDataType.CLOB);
        static final Field<String> SCOPE = field(name("oauth_pending_requests", "scope"), SQLDataType.CLOB);
        static final Field<String> RESOURCE = field(name("oauth_pending_requests", "resource"), SQLDataType.CLOB);
        static final Field<String> STATE = field(name("oauth_pending_requests", "state"), SQLDataType.CLOB);
        static final Field<Instant> EXPIRES_AT =
                field(name("oauth_pending_requests", "expires_at"), SQLDataType.INSTANT);
        static final Field<Instant> DECIDED_AT =
                field(name("oauth_pending_requests", "decided_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                HANDLE_HASH, CLIENT_ID, REDIRECT_URI, CODE_CHALLENGE, SCOPE, RESOURCE, STATE, EXPIRES_AT, DECIDED_AT);
    }

    static final class Grants {
        static final Table<?> T = table(name("oauth_grants"));
        static final Field<UUID> ID = field(name("oauth_grants", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("oauth_grants", "org_id"), SQLDataType.UUID);
        static final Field<UUID> USER_ID = field(name("oauth_grants", "user_id"), SQLDataType.UUID);
        static final Field<String> CLIENT_ID = field(name("oauth_grants", "client_id"), SQLDataType.CLOB);
        static final Field<String> SCOPE = field(name("oauth_grants", "scope"), SQLDataType.CLOB);
        static final Field<String[]> TOOLS = field(name("oauth_grants", "tools"), SQLDataType.CLOB.array());
        static final Field<String> RESOURCE = field(name("oauth_grants", "resource"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("oauth_grants", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> LAST_USED_AT = field(name("oauth_grants", "last_used_at"), SQLDataType.INSTANT);
        static final Field<Instant> REVOKED_AT = field(name("oauth_grants", "revoked_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL =
                List.of(ID, ORG_ID, USER_ID, CLIENT_ID, SCOPE, TOOLS, RESOURCE, CREATED_AT, LAST_USED_AT, REVOKED_AT);
    }

    static final class Codes {
        static final Table<?> T = table(name("oauth_codes"));
        static final Field<String> CODE_HASH = field(name("oauth_codes", "code_hash"), SQLDataType.CLOB);
        static final Field<UUID> GRANT_ID = field(name("oauth_codes", "grant_id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("oauth_codes", "org_id"), SQLDataType.UUID);
        static final Field<String> REDIRECT_URI = field(name("oauth_codes", "redirect_uri"), SQLDataType.CLOB);
        static final Field<String> CODE_CHALLENGE = field(name("oauth_codes", "code_challenge"), SQLDataType.CLOB);
        static final Field<Instant> EXPIRES_AT = field(name("oauth_codes", "expires_at"), SQLDataType.INSTANT);
        static final Field<Instant> USED_AT = field(name("oauth_codes", "used_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL =
                List.of(CODE_HASH, GRANT_ID, ORG_ID, REDIRECT_URI, CODE_CHALLENGE, EXPIRES_AT, USED_AT);
    }

    static final class Tokens {
        static final Table<?> T = table(name("oauth_tokens"));
        static final Field<String> TOKEN_HASH = field(name("oauth_tokens", "token_hash"), SQLDataType.CLOB);
        static final Field<UUID> GRANT_ID = field(name("oauth_tokens", "grant_id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("oauth_tokens", "org_id"), SQLDataType.UUID);
        static final Field<String> KIND = field(name("oauth_tokens", "kind"), SQLDataType.CLOB);
        static final Field<Instant> EXPIRES_AT = field(name("oauth_tokens", "expires_at"), SQLDataType.INSTANT);
        static final Field<Instant> USED_AT = field(name("oauth_tokens", "used_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(TOKEN_HASH, GRANT_ID, ORG_ID, KIND, EXPIRES_AT, USED_AT);
    }
}
