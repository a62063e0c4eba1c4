package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyWebTests extends IntegrationTest {

    @Test
    void keyIsShownOnceStoredHashedAndAuthenticatesLikeAToken() {
        var session = signup("Keys");
        var created = api.post(
                "/api/v1/api-keys", Map.of("name", "CRM sync", "scopes", List.of("read", "write")), token(session));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asString();
        assertThat(key).startsWith("sb_").hasSizeGreaterThan(40);
        assertThat(created.json().get("prefix").asString()).isEqualTo(key.substring(0, 10));

        var list = api.get("/api/v1/api-keys", token(session));
        assertThat(list.raw()).doesNotContain(key);
        assertThat(list.json().get("items").get(0).has("key")).isFalse();
        String stored = ownerDb()
                .resultQuery(
                        "select key_hash from api_keys where id = ?::uuid",
                        created.json().get("id").asString())
                .fetchSingle(0, String.class);
        assertThat(stored).isNotEqualTo(key).hasSize(64);

        var me = api.get("/api/v1/me", key);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("authentication").asString()).isEqualTo("api_key");
        assertThat(me.json().get("role").asString()).isEqualTo("agent");
        assertThat(me.json().get("organization").get("id").asString())
                .isEqualTo(session.get("organization").get("id").asString());
    }

    @Test
    void revokedKeyStopsWorkingAndTheRevocationIsAudited() {
        var session = signup("Revoke");
        var created = api.post("/api/v1/api-keys", Map.of("name", "temp", "scopes", List.of("read")), token(session))
                .json();
        String key = created.get("key").asString();
        assertThat(api.get("/api/v1/me", key).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/api-keys/" + created.get("id").asString(), token(session))
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/me", key).status()).isEqualTo(401);
        var listed =
                api.get("/api/v1/api-keys", token(session)).json().get("items").get(0);
        assertThat(listed.get("revokedAt").isNull()).isFalse();

        var audit = api.get("/api/v1/audit-events?action=api_key.", token(session))
                .json()
                .get("items");
        assertThat(audit.findValuesAsString("action")).containsExactly("api_key.revoked", "api_key.created");
    }

    @Test
    void readOnlyKeyCannotManageKeysOrMembers() {
        var session = signup("ReadOnly");
        String key = api.post("/api/v1/api-keys", Map.of("name", "ro", "scopes", List.of("read")), token(session))
                .json()
                .get("key")
                .asString();
        assertThat(api.post("/api/v1/api-keys", Map.of("name", "escalate", "scopes", List.of("admin")), key)
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/invitations", Map.of("email", "x@y.test", "role", "admin"), key)
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/members", key).status()).isEqualTo(200);
    }

    @Test
    void missingNameAndUnknownScopeAreNamed() {
        var session = signup("BadKeys");
        var noName = api.post("/api/v1/api-keys", Map.of("name", "", "scopes", List.of("read")), token(session));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("errors").findValuesAsString("field")).contains("name");
        var badScope = api.post("/api/v1/api-keys", Map.of("name", "k", "scopes", List.of("root")), token(session));
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.json().get("detail").asString()).contains("scopes").contains("read, write, admin");
        var noScopes = api.post("/api/v1/api-keys", Map.of("name", "k", "scopes", List.of()), token(session));
        assertThat(noScopes.status()).isEqualTo(400);
        assertThat(noScopes.json().get("errors").findValuesAsString("field")).contains("scopes");
    }
}
