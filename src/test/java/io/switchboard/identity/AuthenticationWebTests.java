package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ApiClient;
import io.switchboard.support.IntegrationTest;
import io.switchboard.support.MailboxSupport;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticationWebTests extends IntegrationTest {

    @Test
    void signupCreatesOwnerOfNewOrganisationAndMeDescribesIt() {
        var session = signup("Acme Apartments");
        assertThat(session.get("mfaRequired").asBoolean()).isFalse();
        assertThat(session.get("role").asString()).isEqualTo("owner");
        assertThat(session.get("organization").get("name").asString()).isEqualTo("Acme Apartments");

        var me = api.get("/api/v1/me", token(session));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("user").get("email").asString())
                .isEqualTo(session.get("user").get("email").asString());
        assertThat(me.json().get("authentication").asString()).isEqualTo("jwt");
        assertThat(me.json().get("organizations")).hasSize(1);
    }

    @Test
    void bootstrapOwnerSignsInToDemoAsSuperAdmin() {
        var session = loginBootstrapOwner();
        assertThat(session.get("organization").get("name").asString()).isEqualTo("Demo");
        assertThat(session.get("user").get("platformRole").asString()).isEqualTo("super_admin");
        var orgs = api.get("/api/v1/admin/organizations?size=100", token(session));
        assertThat(orgs.status()).isEqualTo(200);
        assertThat(orgs.json().get("items").findValuesAsString("name")).contains("Demo");
    }

    @Test
    void onlySuperAdminsListOrganisations() {
        var response = api.get("/api/v1/admin/organizations", token(signup("Plain Org")));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void duplicateEmailWeakAndCommonPasswordsAreRejectedNamingTheField() {
        var session = signup("Dupes");
        String email = session.get("user").get("email").asString();
        var dup = api.post(
                "/api/v1/auth/signup",
                Map.of("email", email, "password", "another good passphrase", "name", "X", "organizationName", "Y"),
                null);
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.json().get("errors").get(0).get("field").asString()).isEqualTo("email");

        var common = api.post(
                "/api/v1/auth/signup",
                Map.of(
                        "email",
                        "c-" + UUID.randomUUID() + "@x.test",
                        "password",
                        "password123",
                        "name",
                        "X",
                        "organizationName",
                        "Y"),
                null);
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(common.json().get("detail").asString()).contains("common");

        var shortOne = api.post(
                "/api/v1/auth/signup",
                Map.of(
                        "email",
                        "s-" + UUID.randomUUID() + "@x.test",
                        "password",
                        "short",
                        "name",
                        "X",
                        "organizationName",
                        "Y"),
                null);
        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void passwordIsStoredAsArgon2id() {
        var session = signup("Hashes");
        String hash = db.resultQuery(
                        "select password_hash from users where id = ?::uuid",
                        session.get("user").get("id").asString())
                .fetchSingle(0, String.class);
        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse battery");
    }

    @Test
    void wrongPasswordIsUnauthorizedAndAudited() {
        var session = signup("Audited");
        String email = session.get("user").get("email").asString();
        var wrong = api.post("/api/v1/auth/login", Map.of("email", email, "password", "not the password"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("type").asString()).endsWith("/invalid-credentials");

        var audit = api.get("/api/v1/audit-events?action=auth.login_failed", token(session));
        assertThat(audit.status()).isEqualTo(200);
        var event = audit.json().get("items").get(0);
        assertThat(event.get("actorLabel").asString()).isEqualTo(email);
        assertThat(event.get("ip").asString()).isEqualTo(api.ip());
    }

    @Test
    void refreshTokensRotateAndReuseRevokesTheFamily() {
        var session = signup("Rotation");
        String first = session.get("refreshToken").asString();
        var rotated = api.post("/api/v1/auth/refresh", Map.of("refreshToken", first), null);
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.json().get("refreshToken").asString();
        assertThat(second).isNotEqualTo(first);

        var replay = api.post("/api/v1/auth/refresh", Map.of("refreshToken", first), null);
        assertThat(replay.status()).isEqualTo(401);
        // the thief's replay also signs out the legitimate successor
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", second), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        var session = signup("Logout");
        String refresh = session.get("refreshToken").asString();
        assertThat(api.post("/api/v1/auth/logout", Map.of("refreshToken", refresh), null)
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void tamperedUnsignedAndGarbageTokensAreRefused() {
        var session = signup("Tamper");
        String[] parts = token(session).split("\\.");
        String noneHeader = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes());
        String unsigned = noneHeader + "." + parts[1] + ".";
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String otherOrgPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replaceAll("\"org\":\"[^\"]+\"", "\"org\":\"" + UUID.randomUUID() + "\"")
                        .getBytes());
        for (String bad : new String[] {
            unsigned, parts[0] + "." + otherOrgPayload + "." + parts[2], "garbage", "sb_not-a-real-key"
        }) {
            var response = api.get("/api/v1/me", bad);
            assertThat(response.status()).as(bad).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/me", null).status()).isEqualTo(401);
    }

    @Test
    void accessTokensFollowRfc8725() throws Exception {
        String[] parts = token(signup("Claims")).split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]));
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header).contains("\"alg\":\"HS256\"").contains("\"typ\":\"at+jwt\"");
        var claims = tools.jackson.databind.json.JsonMapper.builder().build().readTree(payload);
        assertThat(claims.get("iss").asString()).isEqualTo("switchboard");
        assertThat(
                        claims.get("aud").isArray()
                                ? claims.get("aud").get(0).asString()
                                : claims.get("aud").asString())
                .isEqualTo("switchboard-api");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isLessThanOrEqualTo(15 * 60);
    }

    @Test
    void repeatedFailedLoginsAreRateLimitedWithRetryAfter() {
        var session = signup("Limits");
        String email = session.get("user").get("email").asString();
        int status = 0;
        ApiClient.Response last = null;
        for (int i = 0; i < 12 && status != 429; i++) {
            last = api.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong password " + i), null);
            status = last.status();
        }
        assertThat(status).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(last.json().get("type").asString()).endsWith("/rate-limited");
        // even the right password waits now: the account is cooling down
        var right = api.post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"), null);
        assertThat(right.status()).isEqualTo(429);
    }

    @Test
    void userInTwoOrganisationsSwitchesBetweenThem() {
        var owner = signup("First Org");
        var second = signup("Second Org");
        String inviteeEmail = owner.get("user").get("email").asString();
        var invite = api.post("/api/v1/invitations", Map.of("email", inviteeEmail, "role", "agent"), token(second));
        assertThat(invite.status()).isEqualTo(201);
        String inviteToken = MailboxSupport.latestLinkToken(api, token(second), inviteeEmail, "/invite?token=");
        var accepted = api.post("/api/v1/auth/invitations/accept", Map.of("token", inviteToken), null);
        assertThat(accepted.status()).isEqualTo(200);

        var me = api.get("/api/v1/me", token(owner)).json();
        assertThat(me.get("organizations").findValuesAsString("name")).containsExactly("First Org", "Second Org");
        String secondOrgId = second.get("organization").get("id").asString();
        var switched = api.post("/api/v1/auth/switch", Map.of("organizationId", secondOrgId), token(owner));
        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.json().get("role").asString()).isEqualTo("agent");
        var meThere = api.get("/api/v1/me", token(switched.json())).json();
        assertThat(meThere.get("organization").get("id").asString()).isEqualTo(secondOrgId);

        var notMine = api.post(
                "/api/v1/auth/switch",
                Map.of("organizationId", UUID.randomUUID().toString()),
                token(owner));
        assertThat(notMine.status()).isEqualTo(404);
    }
}
